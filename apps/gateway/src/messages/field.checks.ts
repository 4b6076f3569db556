import { GatewayError } from '../errors/gateway.error.js';

// Small type checks that answer a client mistake with a 400 naming the field's path.

export type Fields = Readonly<Record<string, unknown>>;

export function invalid(path: string, expectation: string): GatewayError {
  return new GatewayError('invalid_request_error', `${path}: ${expectation}`, { param: path });
}

export function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Absent and JSON `null` both mean "not given": SDKs send either for an unset optional field. */
export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

export function requireObject(value: unknown, path: string, what = 'an object'): Fields {
  if (!isObject(value)) throw invalid(path, `expected ${what}`);
  return value;
}

export function requireString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw invalid(path, 'expected a string');
  return value;
}

export function requireNonEmptyString(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') throw invalid(path, 'expected a non-empty string');
  return value;
}

export function optionalString(value: unknown, path: string): void {
  if (!isAbsent(value)) requireString(value, path);
}

export function optionalBoolean(value: unknown, path: string): void {
  if (!isAbsent(value) && typeof value !== 'boolean') throw invalid(path, 'expected a boolean');
}

export function optionalObject(value: unknown, path: string): void {
  if (!isAbsent(value)) requireObject(value, path);
}

/** A finite number in [min, max]; NaN and infinities cannot come from JSON, but bounds can be missed. */
export function optionalNumberIn(value: unknown, path: string, min: number, max: number): void {
  if (isAbsent(value)) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
    throw invalid(path, `expected a number from ${min} to ${max}`);
}

export function integerIn(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max)
    throw invalid(path, `expected an integer from ${min} to ${max}`);
  return value;
}

export function requireArray(value: unknown, path: string, what: string): readonly unknown[] {
  if (!Array.isArray(value)) throw invalid(path, `expected ${what}`);
  return value;
}
