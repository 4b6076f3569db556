import { describe, expect, it } from 'vitest';
import { firstDueMs, JITTER_FRACTION, jitteredIntervalMs, nextDueMs, type Random } from './probe.schedule.js';

const fixed =
  (value: number): Random =>
  () =>
    value;

describe('firstDueMs', () => {
  it.each([
    ['at once for the lowest random draw', 0, 10_000],
    ['half an interval later for a middle draw', 0.5, 12_500],
    ['just before a full interval for the highest draw', 0.9999, 14_999],
  ])('falls %s', (_name, draw, expected) => {
    expect(firstDueMs(10_000, 5_000, fixed(draw))).toBe(expected);
  });
});

describe('jitteredIntervalMs', () => {
  it.each([
    ['shrinks by the full jitter for the lowest draw', 0, 900],
    ['keeps the interval for a middle draw', 0.5, 1_000],
    ['stretches by almost the full jitter for the highest draw', 0.99999, 1_100],
  ])('%s', (_name, draw, expected) => {
    expect(jitteredIntervalMs(1_000, fixed(draw))).toBe(expected);
  });

  it('stays within the jitter bounds for many random draws', () => {
    for (let i = 0; i < 1_000; i++) {
      const ms = jitteredIntervalMs(15_000, Math.random);
      expect(ms).toBeGreaterThanOrEqual(15_000 * (1 - JITTER_FRACTION));
      expect(ms).toBeLessThanOrEqual(15_000 * (1 + JITTER_FRACTION));
    }
  });

  it('never schedules a zero-length interval', () => {
    expect(jitteredIntervalMs(1, fixed(0))).toBe(1);
  });
});

describe('nextDueMs', () => {
  it.each([
    ['one interval after the previous due time when the probe was quick', 10_000, 10_200, 11_000],
    ['one interval after now when the probe overran its slot', 10_000, 13_500, 14_500],
    ['one interval after now when the probe ended exactly at the next slot', 10_000, 11_000, 12_000],
  ])('is %s', (_name, previousDue, now, expected) => {
    expect(nextDueMs(previousDue, now, 1_000, fixed(0.5))).toBe(expected);
  });
});
