import { obj, objOrNull, sha256, str, WireObject } from '../validation/field.reader.js';

/** Which pack was in force: `name@version` plus the SHA-256 of its YAML text. */
export interface PackRef {
  readonly name: string;
  readonly version: string;
  readonly sha256: string;
}

export function readPackRef(o: WireObject, key: string, at: string): PackRef {
  return readPackFields(obj(o, key, at), `${at}${key}.`);
}

export function readPackRefOrNull(o: WireObject, key: string, at: string): PackRef | null {
  const p = objOrNull(o, key, at);
  return p === null ? null : readPackFields(p, `${at}${key}.`);
}

function readPackFields(p: WireObject, at: string): PackRef {
  return { name: str(p, 'name', at), version: str(p, 'version', at), sha256: sha256(p, 'sha256', at) };
}
