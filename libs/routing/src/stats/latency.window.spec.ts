import { describe, expect, it } from 'vitest';
import { LatencyWindow } from './latency.window.js';

const NOW = 100_000;

describe('LatencyWindow', () => {
  it('summarises the samples in the window: count, mean and nearest-rank percentiles', () => {
    const window = new LatencyWindow();
    for (let ms = 1; ms <= 100; ms++) window.add('t', ms * 10, NOW - ms);
    expect(window.stats('t', NOW, 60_000)).toEqual({ count: 100, mean: 505, p50: 500, p95: 950 });
  });

  it.each([
    ['one sample', [42], { count: 1, mean: 42, p50: 42, p95: 42 }],
    ['two samples', [10, 30], { count: 2, mean: 20, p50: 10, p95: 30 }],
    ['unsorted input', [300, 100, 200], { count: 3, mean: 200, p50: 200, p95: 300 }],
  ])('handles %s', (_name, samples, expected) => {
    const window = new LatencyWindow();
    for (const value of samples) window.add('t', value, NOW);
    expect(window.stats('t', NOW, 1_000)).toEqual(expected);
  });

  it('forgets samples older than the window', () => {
    const window = new LatencyWindow();
    window.add('t', 1_000, NOW - 60_000);
    window.add('t', 100, NOW - 59_999);
    expect(window.stats('t', NOW, 60_000)).toMatchObject({ count: 1, mean: 100 });
    expect(window.stats('t', NOW + 60_000, 60_000).count).toBe(0);
  });

  it('keeps only the most recent samples per target when the ring is full', () => {
    const window = new LatencyWindow({ samplesPerTarget: 4 });
    for (const value of [1_000, 1_000, 10, 20, 30, 40]) window.add('t', value, NOW);
    expect(window.stats('t', NOW, 1_000)).toEqual({ count: 4, mean: 25, p50: 20, p95: 40 });
  });

  it('keeps targets apart and reports zeros for a target never seen', () => {
    const window = new LatencyWindow();
    window.add('a', 10, NOW);
    expect(window.stats('b', NOW, 1_000)).toEqual({ count: 0, mean: 0, p50: 0, p95: 0 });
    expect(window.stats('a', NOW, 1_000).count).toBe(1);
  });

  it.each([[-1], [Number.NaN], [Number.POSITIVE_INFINITY]])('ignores the impossible latency %s', (value) => {
    const window = new LatencyWindow();
    window.add('t', value, NOW);
    expect(window.stats('t', NOW, 1_000).count).toBe(0);
  });

  it('refuses a ring of no samples', () => {
    expect(() => new LatencyWindow({ samplesPerTarget: 0 })).toThrow(RangeError);
  });
});
