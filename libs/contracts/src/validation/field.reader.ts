import { isMicroUsdString } from '../money/micro-usd.codec.js';
import { isUtcTimestamp } from '../time/utc-time.js';

/*
 * Compact hand-written readers instead of class-validator: the ledger decodes 20,000+ route events/s
 * per core and plainToInstance + validateSync on nested classes is an order of magnitude too slow.
 * Each reader takes the parent object, the key and the parent's path prefix (`attempts[0].`), so a
 * path string is only built when a field is wrong.
 */

export type WireObject = Readonly<Record<string, unknown>>;

/** Thrown inside a decoder only; `decodeWith` turns it into a `DecodeResult` and never lets it out. */
export class InvalidField {
  constructor(readonly reason: string) {}
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256_PATTERN = /^[0-9a-f]{64}$/;

// Strings are never echoed: a misplaced secret must not travel into a dead-letter reason or a log.
export function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return value.length === 0 ? 'an empty string' : 'a string';
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

export function fail(path: string, expected: string, value: unknown): never {
  throw new InvalidField(`${path}: expected ${expected}, got ${describe(value)}`);
}

/** Quotes a discriminator for a reason, bounded so a hostile record cannot blow up the message. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
}

export function isWireObject(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(o: WireObject, key: string, at: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0) fail(at + key, 'a non-empty string', v);
  return v;
}

export function strOrNull(o: WireObject, key: string, at: string): string | null {
  const v = o[key];
  if (v === null) return null;
  if (typeof v !== 'string' || v.length === 0) fail(at + key, 'a non-empty string or null', v);
  return v;
}

/** Any string, the empty one included (free text such as YAML content or a record value). */
export function text(o: WireObject, key: string, at: string): string {
  const v = o[key];
  if (typeof v !== 'string') fail(at + key, 'a string', v);
  return v;
}

export function textOrNull(o: WireObject, key: string, at: string): string | null {
  const v = o[key];
  if (v === null) return null;
  if (typeof v !== 'string') fail(at + key, 'a string or null', v);
  return v;
}

/** An optional field: absent and null both read as undefined. */
export function optionalStr(o: WireObject, key: string, at: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.length === 0) fail(at + key, 'a non-empty string when present', v);
  return v;
}

export function bool(o: WireObject, key: string, at: string): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') fail(at + key, 'a boolean', v);
  return v;
}

export function int(
  o: WireObject,
  key: string,
  at: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const v = o[key];
  if (!Number.isSafeInteger(v) || (v as number) < min || (v as number) > max) {
    fail(
      at + key,
      max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer between ${min} and ${max}`,
      v,
    );
  }
  return v as number;
}

export function num(o: WireObject, key: string, at: string, min: number): number {
  const v = o[key];
  if (!Number.isFinite(v) || (v as number) < min) fail(at + key, `a number >= ${min}`, v);
  return v as number;
}

export function numOrNull(o: WireObject, key: string, at: string, min: number): number | null {
  const v = o[key];
  if (v === null) return null;
  if (!Number.isFinite(v) || (v as number) < min) fail(at + key, `a number >= ${min} or null`, v);
  return v as number;
}

export function oneOf<T extends string>(o: WireObject, key: string, at: string, allowed: ReadonlySet<T>): T {
  const v = o[key];
  if (!allowed.has(v as T)) fail(at + key, listOf(allowed), v);
  return v as T;
}

export function oneOfOrNull<T extends string>(
  o: WireObject,
  key: string,
  at: string,
  allowed: ReadonlySet<T>,
): T | null {
  const v = o[key];
  if (v === null) return null;
  if (!allowed.has(v as T)) fail(at + key, `${listOf(allowed)} or null`, v);
  return v as T;
}

export function literal<T extends string>(o: WireObject, key: string, at: string, expected: T): T {
  const v = o[key];
  if (v !== expected) fail(at + key, JSON.stringify(expected), v);
  return expected;
}

export function money(o: WireObject, key: string, at: string): string {
  const v = o[key];
  if (typeof v !== 'string' || !isMicroUsdString(v))
    fail(at + key, 'an integer micro-USD string like "1234"', v);
  return v;
}

export function nonNegativeMoney(o: WireObject, key: string, at: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.charCodeAt(0) === 45 || !isMicroUsdString(v)) {
    fail(at + key, 'a non-negative integer micro-USD string like "1234"', v);
  }
  return v;
}

export function time(o: WireObject, key: string, at: string): string {
  const v = o[key];
  if (typeof v !== 'string' || !isUtcTimestamp(v)) fail(at + key, 'an RFC 3339 UTC timestamp ending in Z', v);
  return v;
}

export function timeOrNull(o: WireObject, key: string, at: string): string | null {
  const v = o[key];
  if (v === null) return null;
  if (typeof v !== 'string' || !isUtcTimestamp(v))
    fail(at + key, 'an RFC 3339 UTC timestamp ending in Z, or null', v);
  return v;
}

export function uuid(o: WireObject, key: string, at: string): string {
  const v = o[key];
  if (typeof v !== 'string' || !UUID_PATTERN.test(v)) fail(at + key, 'a UUID', v);
  return v;
}

export function sha256(o: WireObject, key: string, at: string): string {
  const v = o[key];
  if (typeof v !== 'string' || !SHA256_PATTERN.test(v))
    fail(at + key, 'a lowercase hex SHA-256 (64 chars)', v);
  return v;
}

export function obj(o: WireObject, key: string, at: string): WireObject {
  const v = o[key];
  if (!isWireObject(v)) fail(at + key, 'an object', v);
  return v;
}

export function objOrNull(o: WireObject, key: string, at: string): WireObject | null {
  const v = o[key];
  if (v === null) return null;
  if (!isWireObject(v)) fail(at + key, 'an object or null', v);
  return v;
}

export function arr(o: WireObject, key: string, at: string): readonly unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) fail(at + key, 'an array', v);
  return v;
}

/** An array element that must be an object; `path` is the element's own path (`attempts[2]`). */
export function itemObj(value: unknown, path: string): WireObject {
  if (!isWireObject(value)) fail(path, 'an object', value);
  return value;
}

function listOf(allowed: ReadonlySet<string>): string {
  return `one of ${[...allowed].map((v) => JSON.stringify(v)).join(', ')}`;
}
