import { MAX_MODEL_CHARS } from '@kt/contracts';
import { GatewayError } from '../errors/gateway.error.js';

/*
 * Field checks shared by the request parsers. Each failure is a 400 `invalid_request_error` whose
 * `param` is the field's path and whose message says what was expected, never what was sent: a
 * value can be megabytes long or a pasted secret.
 */

export type Fields = Readonly<Record<string, unknown>>;

export function invalid(param: string, expected: string): GatewayError {
  return new GatewayError('invalid_request_error', `${param}: expected ${expected}`, { param });
}

export function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireBody(body: unknown): Fields {
  if (!isObject(body))
    throw new GatewayError('invalid_request_error', 'the request body must be a JSON object');
  return body;
}

/** `model`: the group or alias, capped so it can always travel in a route event and a table row. */
export function requireModel(body: Fields): string {
  const model = body.model;
  if (typeof model !== 'string' || model.length === 0)
    throw invalid('model', 'a non-empty string naming a model group or alias');
  if (model.length > MAX_MODEL_CHARS) throw invalid('model', `at most ${MAX_MODEL_CHARS} characters`);
  return model;
}

const absent = (value: unknown): boolean => value === undefined || value === null;

export function optionalBoolean(body: Fields, key: string, at = ''): void {
  if (!absent(body[key]) && typeof body[key] !== 'boolean') throw invalid(at + key, 'a boolean');
}

export function optionalString(body: Fields, key: string, at = ''): void {
  if (!absent(body[key]) && typeof body[key] !== 'string') throw invalid(at + key, 'a string');
}

export function optionalObject(body: Fields, key: string, at = ''): void {
  if (!absent(body[key]) && !isObject(body[key])) throw invalid(at + key, 'an object');
}

/** A finite number within [min, max]; NaN-like strings, infinities and numbers as strings are refused. */
export function optionalNumber(body: Fields, key: string, min: number, max: number): void {
  const value = body[key];
  if (absent(value)) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
    throw invalid(key, `a number between ${min} and ${max}`);
}

/** An integer within [min, max] (1.5, 1e17, -1 and "8" are all refused). */
export function optionalInteger(body: Fields, key: string, min: number, max: number): void {
  const value = body[key];
  if (absent(value)) return;
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max)
    throw invalid(key, `an integer between ${min} and ${max}`);
}
