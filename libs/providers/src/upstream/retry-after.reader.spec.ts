import { describe, expect, it } from 'vitest';
import { readRetryAfterMs, type ResponseHeaders } from './retry-after.reader.js';

const NOW = Date.parse('2025-01-01T00:00:00Z');

describe('readRetryAfterMs', () => {
  it.each<[string, ResponseHeaders, number | null]>([
    ['reads retry-after in seconds', { 'retry-after': '2' }, 2000],
    ['reads fractional seconds', { 'retry-after': '0.25' }, 250],
    ['prefers retry-after-ms over retry-after', { 'retry-after-ms': '150', 'retry-after': '9' }, 150],
    ['rounds retry-after-ms up', { 'retry-after-ms': '12.2' }, 13],
    ['reads an HTTP date relative to now', { 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' }, 5000],
    ['never goes negative for a past date', { 'retry-after': 'Tue, 31 Dec 2024 23:59:00 GMT' }, 0],
    ['takes the first of repeated headers', { 'retry-after': ['3', '7'] }, 3000],
    ['ignores garbage', { 'retry-after': 'soon' }, null],
    ['ignores negative numbers', { 'retry-after': '-1' }, null],
    ['is null without the headers', {}, null],
  ])('%s', (_name, headers, expected) => {
    expect(readRetryAfterMs(headers, NOW)).toBe(expected);
  });
});
