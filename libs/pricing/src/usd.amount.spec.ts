import { describe, expect, it } from 'vitest';
import { microUsdFromUsd } from './usd.amount.js';

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
