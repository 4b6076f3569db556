import { describe, expect, it } from 'vitest';
import { usdExact } from './money.format.js';

describe('usdExact', () => {
  it.each([
    ['0', '0.000000'],
    ['1250', '0.001250'],
    ['1234567', '1.234567'],
    ['5000000000', '5000.000000'],
    ['-250000', '-0.250000'],
  ])('shows %s micro-USD as %s USD', (micro, usd) => {
    expect(usdExact(micro)).toBe(usd);
  });
});
