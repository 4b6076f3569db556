import { describe, expect, it } from 'vitest';
import { staggeredSlices } from './load.shape.js';

describe('staggeredSlices', () => {
  it.each([
    [500, 32],
    [1000, 32],
    [2000, 64],
    [7, 3],
  ])('splits %d RPS over %d connections without losing a request', (rate, connections) => {
    const slices = staggeredSlices(rate, connections);
    expect(slices).toHaveLength(connections);
    expect(slices.reduce((sum, s) => sum + s.rate, 0)).toBe(rate);
    const rates = slices.map((s) => s.rate);
    expect(Math.max(...rates) - Math.min(...rates)).toBeLessThanOrEqual(1);
  });

  it('starts the slices evenly across one second', () => {
    expect(staggeredSlices(400, 4).map((s) => s.startOffsetMs)).toEqual([0, 250, 500, 750]);
  });

  it('uses fewer connections than asked when the rate is lower, since a zero rate means unlimited', () => {
    const slices = staggeredSlices(3, 32);
    expect(slices).toEqual([
      { rate: 1, startOffsetMs: 0 },
      { rate: 1, startOffsetMs: 333 },
      { rate: 1, startOffsetMs: 667 },
    ]);
  });

  it.each([
    [0, 32],
    [1.5, 32],
    [100, 0],
  ])('rejects rate %d with %d connections', (rate, connections) => {
    expect(() => staggeredSlices(rate, connections)).toThrow(/positive integer/);
  });
});
