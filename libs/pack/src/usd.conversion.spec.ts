import { describe, expect, it } from 'vitest';
import { usdToMicroUsd } from './usd.conversion.js';

describe('usdToMicroUsd', () => {
  it.each([
    [0, 0n],
    [0.15, 150_000n],
    [0.6, 600_000n],
    [2.5, 2_500_000n],
    [15, 15_000_000n],
    [0.000001, 1n],
    [0.1 + 0.2, undefined], // 0.30000000000000004: finer than a micro-USD, so not silently rounded
    [1e21, 1_000_000_000_000_000_000_000_000_000n],
    [1.5e-5, 15n],
    [0.0000001, undefined],
    [-1, undefined],
    [Number.NaN, undefined],
    [Number.POSITIVE_INFINITY, undefined],
  ])('converts %s USD to %s micro-USD', (usd, micro) => {
    expect(usdToMicroUsd(usd)).toBe(micro);
  });
});
