import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.policy.js';

const BASE = { baseDelayMs: 100, maxDelayMs: 2_000 };
const top = () => 0.999_999_9;
const bottom = () => 0;

describe('backoffDelay', () => {
  it.each([
    [1, 100],
    [2, 200],
    [3, 400],
    [4, 800],
    [5, 1_600],
    [6, 2_000],
    [60, 2_000],
    [10_000, 2_000],
  ])('caps retry %s at %s ms (full jitter, the top of the range)', (attempt, ceiling) => {
    expect(backoffDelay(attempt, { ...BASE, random: top })).toBe(ceiling);
    expect(backoffDelay(attempt, { ...BASE, random: bottom })).toBe(0);
  });

  it('spreads the delay uniformly over the range', () => {
    expect(backoffDelay(3, { ...BASE, random: () => 0.5 })).toBe(200);
    expect(backoffDelay(3, { ...BASE, random: () => 0.25 })).toBe(100);
  });

  it.each([
    ['honours a Retry-After within the cap exactly', 1_500, 1_500],
    ['honours a Retry-After of zero', 0, 0],
    ['rounds a fractional Retry-After up', 10.2, 11],
    ['honours a Retry-After equal to the cap', 2_000, 2_000],
    ['skips to the next target rather than wait past the cap', 2_001, 'skip'],
    ['skips a minute-long Retry-After', 60_000, 'skip'],
  ])('%s', (_name, retryAfterMs, expected) => {
    expect(backoffDelay(1, { ...BASE, retryAfterMs, random: top })).toBe(expected);
  });

  it('treats retry numbers below one as the first retry', () => {
    expect(backoffDelay(0, { ...BASE, random: top })).toBe(100);
  });

  it('waits nothing with a zero base delay', () => {
    expect(backoffDelay(8, { baseDelayMs: 0, maxDelayMs: 2_000, random: top })).toBe(0);
  });

  it('never exceeds the ceiling even if random misbehaves and returns 1', () => {
    expect(backoffDelay(2, { ...BASE, random: () => 1 })).toBe(200);
  });
});
