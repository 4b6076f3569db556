import { describe, expect, it } from 'vitest';
import { percentile, SampleBuffer, summarizeLatencies } from './latency.stats.js';

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1); // 1 … 100, sorted

  it.each([
    [50, 50],
    [90, 90],
    [99, 99],
    [100, 100],
    [0, 1],
    [0.5, 1],
  ])('takes the nearest rank: p%d of 1…100 is %d', (p, expected) => {
    expect(percentile(hundred, p)).toBe(expected);
  });

  it('gives the only sample for any percentile of one sample', () => {
    expect(percentile([0.42], 99)).toBe(0.42);
  });

  it('refuses an empty set instead of inventing a number', () => {
    expect(() => percentile([], 50)).toThrow('no samples');
  });
});

describe('summarizeLatencies', () => {
  it('is null without samples, so a run with no 2xx shows no latency', () => {
    expect(summarizeLatencies([])).toBeNull();
  });

  it('sorts unsorted samples and keeps sub-millisecond resolution', () => {
    expect(summarizeLatencies([0.9, 0.1, 0.3, 0.2, 5.5])).toEqual({
      count: 5,
      mean: 1.4,
      p50: 0.3,
      p90: 5.5,
      p99: 5.5,
      max: 5.5,
    });
  });
});

describe('SampleBuffer', () => {
  it('grows past its first block and keeps every value in order', () => {
    const buffer = new SampleBuffer();
    for (let i = 0; i < 10_000; i += 1) buffer.push(i / 10);
    expect(buffer.length).toBe(10_000);
    expect(buffer.values()[0]).toBe(0);
    expect(buffer.values()[9_999]).toBeCloseTo(999.9);
    expect(buffer.values().length).toBe(10_000);
  });
});
