import { describe, expect, it } from 'vitest';
import { microUsdFromUsd, scaleDecimalText, usdToMicroUsd } from './usd.decimal.js';

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

describe('microUsdFromUsd', () => {
  it.each([
    ['2.50', 2_500_000n],
    ['0.075', 75_000n],
    ['0.005', 5_000n],
    ['15', 15_000_000n],
    ['0', 0n],
    ['22.50', 22_500_000n],
    ['0.0000123', 12n],
    ['0.0000125', 13n],
    ['0.0000124999', 12n],
    ['123456789012.123456', 123_456_789_012_123_456n],
    [' 1.5 ', 1_500_000n],
  ])('reads %j USD as %s micro-USD', (text, expected) => {
    expect(microUsdFromUsd(text)).toBe(expected);
  });

  it.each([['-1'], ['1e3'], [''], ['abc'], ['1.'], ['.5'], ['1,5']])('refuses %j', (text) => {
    expect(() => microUsdFromUsd(text)).toThrow(RangeError);
  });
});

describe('scaleDecimalText', () => {
  it.each([
    ['0.075', 6, 'exact', 75_000n],
    ['1.25e-7', 9, 'half_up', 125n],
    ['1.25e-7', 8, 'half_up', 13n],
    ['1.25e-7', 8, 'exact', undefined],
    ['1.24e-7', 8, 'half_up', 12n],
    ['3e+2', 0, 'exact', 300n],
    ['-1', 6, 'half_up', undefined],
    ['1.', 6, 'half_up', undefined],
  ] as const)('scales %j by 10^%i (%s) to %s', (text, decimals, rounding, expected) => {
    expect(scaleDecimalText(text, decimals, rounding)).toBe(expected);
  });
});
