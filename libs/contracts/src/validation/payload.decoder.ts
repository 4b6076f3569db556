import { decoded, DecodeResult, rejected } from './decode.result.js';
import { InvalidField, isWireObject, quote, WireObject } from './field.reader.js';
import { isStorableText, unstorablePath } from './storable.text.js';

/** A Kafka value as it arrives: raw bytes, a JSON string, or an already parsed object. */
export type WireInput = unknown;

/**
 * Parses `input` (Buffer / Uint8Array / string → JSON; objects as they are) and runs `read` on it,
 * turning the first invalid field into `{ ok: false, reason }`. Other exceptions are bugs and rethrown.
 * Text PostgreSQL cannot store (U+0000, unpaired surrogates) is refused anywhere in the record.
 */
export function decodeWith<T>(input: WireInput, read: (record: WireObject) => T): DecodeResult<T> {
  let record: unknown = input;
  // In JSON text such characters can only arrive as `\u` escapes (or, in a JS string, as they are):
  // the walk over every string runs only for records that have one.
  let suspect = true;
  if (input instanceof Uint8Array || typeof input === 'string') {
    const raw = typeof input === 'string' ? input : utf8(input);
    try {
      record = JSON.parse(raw);
    } catch (error) {
      return rejected(invalidJson(error));
    }
    suspect = raw.includes('\\u') || (typeof input === 'string' && !isStorableText(raw));
  }
  const unstorable = suspect ? unstorablePath(record) : undefined;
  if (unstorable !== undefined)
    return rejected(`${unstorable}: expected text without U+0000 or unpaired surrogates, got a string`);
  if (!isWireObject(record)) {
    return rejected(
      `expected a JSON object, got ${record === null ? 'null' : Array.isArray(record) ? 'an array' : typeof record}`,
    );
  }
  try {
    return decoded(read(record));
  } catch (error) {
    if (error instanceof InvalidField) return rejected(error.reason);
    throw error;
  }
}

/** Checks the version discriminator first: an unknown version is reported as such, not as field errors. */
export function expectSchema(record: WireObject, schema: string): void {
  const v = record.schema;
  if (v === schema) return;
  if (typeof v === 'string') throw new InvalidField(`unknown schema ${quote(v)}`);
  throw new InvalidField(
    `schema: expected ${JSON.stringify(schema)}, got ${v === undefined ? 'missing' : typeof v}`,
  );
}

export function unknownType(record: WireObject, schema: string): never {
  const v = record.type;
  if (typeof v === 'string')
    throw new InvalidField(`unknown type ${quote(v)} for schema ${JSON.stringify(schema)}`);
  throw new InvalidField(
    `type: expected a string, got ${v === undefined ? 'missing' : v === null ? 'null' : typeof v}`,
  );
}

function utf8(bytes: Uint8Array): string {
  return Buffer.isBuffer(bytes)
    ? bytes.toString('utf8')
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

// V8's JSON.parse messages quote the offending text; keep only the position so no payload leaks out.
function invalidJson(error: unknown): string {
  const position = error instanceof Error ? /position (\d+)/.exec(error.message) : null;
  return position ? `invalid JSON at position ${position[1]}` : 'invalid JSON';
}
