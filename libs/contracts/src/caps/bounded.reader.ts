import { fail, InvalidField, type WireObject } from '../validation/field.reader.js';

/*
 * Readers for strings with a length cap (see client-input.caps.ts). Reasons say the cap and the
 * length, never the value: an oversized string is exactly what must not travel into a dead letter.
 */

function tooLong(path: string, max: number, value: string): never {
  throw new InvalidField(`${path}: expected at most ${max} characters, got ${value.length}`);
}

/** A non-empty string of at most `max` characters. */
export function boundedStr(o: WireObject, key: string, at: string, max: number): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0) fail(at + key, 'a non-empty string', v);
  if (v.length > max) tooLong(at + key, max, v);
  return v;
}

export function boundedStrOrNull(o: WireObject, key: string, at: string, max: number): string | null {
  const v = o[key];
  if (v === null) return null;
  if (typeof v !== 'string' || v.length === 0) fail(at + key, 'a non-empty string or null', v);
  if (v.length > max) tooLong(at + key, max, v);
  return v;
}

/** Any string, the empty one included, of at most `max` characters. */
export function boundedText(o: WireObject, key: string, at: string, max: number): string {
  const v = o[key];
  if (typeof v !== 'string') fail(at + key, 'a string', v);
  if (v.length > max) tooLong(at + key, max, v);
  return v;
}

/** An optional string matching `pattern` (which bounds its length); absent and null read as undefined. */
export function optionalMatching(
  o: WireObject,
  key: string,
  at: string,
  pattern: RegExp,
  expected: string,
): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !pattern.test(v)) fail(at + key, expected, v);
  return v;
}
