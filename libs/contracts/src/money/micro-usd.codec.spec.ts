import { describe, expect, it } from 'vitest';
import { isMicroUsdString, parseMicroUsd, toMicroUsdString } from './micro-usd.codec.js';

describe('micro-USD money', () => {
  it.each([
    ['zero', 0n, '0'],
    ['one cent', 10_000n, '10000'],
    ['a refund', -4_896n, '-4896'],
    ['2^53 + 1, which a JS number cannot hold', 9_007_199_254_740_993n, '9007199254740993'],
    ['twenty quadrillion micro-USD', 20_000_000_000_000_001n, '20000000000000001'],
    ['the int64 maximum', 9_223_372_036_854_775_807n, '9223372036854775807'],
    ['the int64 minimum', -9_223_372_036_854_775_808n, '-9223372036854775808'],
  ])('round-trips %s through the wire string exactly', (_name, amount, wire) => {
    expect(toMicroUsdString(amount)).toBe(wire);
    expect(parseMicroUsd(wire)).toBe(amount);
    expect(parseMicroUsd(toMicroUsdString(amount))).toBe(amount);
  });

  it('keeps sums beyond 2^53 exact, where numbers would round', () => {
    const total = parseMicroUsd('9007199254740992') + parseMicroUsd('1');
    expect(toMicroUsdString(total)).toBe('9007199254740993');
    expect(String(Number('9007199254740992') + 1)).toBe('9007199254740992');
  });

  it.each([
    ['1234', true],
    ['-5', true],
    ['007', true],
    ['12.5', false],
    ['1e3', false],
    [' 12', false],
    ['12 ', false],
    ['', false],
    ['-', false],
    ['+5', false],
    ['0x10', false],
    ['9223372036854775807', true],
    ['9223372036854775808', false],
    ['-9223372036854775809', false],
    ['00000000000000000000001', true],
  ])('judges %j a valid wire amount: %s', (wire, valid) => {
    expect(isMicroUsdString(wire)).toBe(valid);
  });

  it.each([['12.5'], ['abc'], ['99999999999999999999']])('refuses to parse %j', (wire) => {
    expect(() => parseMicroUsd(wire)).toThrow(RangeError);
  });

  it('refuses to format an amount outside int64', () => {
    expect(() => toMicroUsdString(9_223_372_036_854_775_808n)).toThrow(RangeError);
  });
});
