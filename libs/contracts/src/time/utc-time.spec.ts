import { describe, expect, it } from 'vitest';
import { isUtcTimestamp, toUtcTimestamp, utcNow } from './utc-time.js';

describe('UTC timestamps', () => {
  it.each([
    ['2025-03-01T12:00:00Z', true],
    ['2025-03-01T12:00:00.123Z', true],
    ['2025-03-01T12:00:00.123456Z', true],
    ['2025-03-31T23:59:59.9999995Z', false],
    ['2024-02-29T00:00:00Z', true],
    ['2000-02-29T00:00:00Z', true],
    ['2025-02-29T00:00:00Z', false],
    ['1900-02-29T00:00:00Z', false],
    ['2025-02-31T00:00:00Z', false],
    ['2025-04-31T00:00:00Z', false],
    ['2025-01-31T00:00:00Z', true],
    ['0000-01-01T00:00:00Z', false],
    ['2025-12-31T23:59:59Z', true],
    ['2025-03-01T12:00:00+00:00', false],
    ['2025-03-01T13:00:00+01:00', false],
    ['2025-03-01T12:00:00', false],
    ['2025-03-01T12:00:00z', false],
    ['2025-03-01 12:00:00Z', false],
    ['2025-13-01T12:00:00Z', false],
    ['2025-03-32T12:00:00Z', false],
    ['2025-03-01T24:00:00Z', false],
    ['2025-03-01T12:00:60Z', false],
    ['2025-03-01T12:00:00.Z', false],
    ['2025-03-01', false],
  ])('judges %j a wire timestamp: %s', (value, valid) => {
    expect(isUtcTimestamp(value)).toBe(valid);
  });

  it('formats the current time and given instants as wire timestamps', () => {
    expect(isUtcTimestamp(utcNow())).toBe(true);
    expect(toUtcTimestamp(Date.UTC(2025, 2, 1, 12))).toBe('2025-03-01T12:00:00.000Z');
    expect(toUtcTimestamp(new Date('2025-03-01T13:00:00+01:00'))).toBe('2025-03-01T12:00:00.000Z');
  });
});
