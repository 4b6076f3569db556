import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './retry-after.parser.js';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);

describe('retryAfterMs', () => {
  it.each([
    ['delta seconds', { retryAfter: '20' }, 20_000],
    ['fractional seconds', { retryAfter: '1.5' }, 1_500],
    ['an HTTP date in the future', { retryAfter: 'Tue, 24 Nov 2026 12:00:30 GMT' }, 30_000],
    ['an HTTP date already past', { retryAfter: 'Tue, 24 Nov 2026 11:59:00 GMT' }, 0],
    ['retry-after-ms, which wins as the more precise', { retryAfter: '2', retryAfterMs: '1234' }, 1_234],
    [
      'an unreadable retry-after-ms falls back to Retry-After',
      { retryAfter: '3', retryAfterMs: 'soon' },
      3_000,
    ],
    ['padding around the value', { retryAfter: ' 7 ' }, 7_000],
    ['garbage', { retryAfter: 'soon' }, undefined],
    ['a negative delay', { retryAfter: '-5' }, undefined],
    ['an empty header', { retryAfter: '' }, undefined],
    ['no header', {}, undefined],
  ])('reads %s', (_name, headers, expected) => {
    expect(retryAfterMs(headers, NOW)).toBe(expected);
  });
});
