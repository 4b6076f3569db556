import { describe, expect, it } from 'vitest';
import { ratioString, usdString } from './decimal.format.js';

describe('usdString', () => {
  it.each([
    [0n, '0.000000'],
    [1n, '0.000001'],
    [1_234_567n, '1.234567'],
    [-2_500_000n, '-2.500000'],
    [123_456_789_012_345_678n, '123456789012.345678'],
  ])('formats %s micro-USD as %s', (micro, usd) => {
    expect(usdString(micro)).toBe(usd);
  });
});

describe('ratioString', () => {
  it.each<[bigint, bigint, 'round' | 'floor', string]>([
    [1n, 3n, 'round', '0.3333'],
    [2n, 3n, 'round', '0.6667'],
    [2n, 3n, 'floor', '0.6666'],
    [99_999n, 100_000n, 'round', '1.0000'],
    [99_999n, 100_000n, 'floor', '0.9999'],
    [3n, 2n, 'floor', '1.5000'],
    [0n, 5n, 'round', '0.0000'],
    [5n, 0n, 'round', '0.0000'],
  ])('%s / %s (%s) is %s', (part, whole, mode, expected) => {
    expect(ratioString(part, whole, 4, mode)).toBe(expected);
  });
});
