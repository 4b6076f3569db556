import { TranslationError } from './translation.error.js';

// Reads of client-chosen fields during translation: the parsers check only what routing needs, so
// every other field is read here with its type checked, and a wrong one named in a TranslationError.

export type ClientRecord = Readonly<Record<string, unknown>>;

export function isClientRecord(value: unknown): value is ClientRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function recordAt(value: unknown, path: string, what = 'an object'): ClientRecord {
  if (!isClientRecord(value)) throw new TranslationError(path, `expected ${what}`);
  return value;
}

export function stringAt(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new TranslationError(path, 'expected a string');
  return value;
}

/** An optional array: absent or null is empty. */
export function optionalArrayAt(value: unknown, path: string, what: string): readonly unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new TranslationError(path, `expected ${what}`);
  return value;
}
