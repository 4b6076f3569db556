import { describe, expect, it } from 'vitest';
import { bigintTransformer } from './bigint.transformer.js';

describe('bigintTransformer', () => {
  it.each([
    { value: 0n, column: '0' },
    { value: 1_500_000n, column: '1500000' },
    { value: -42n, column: '-42' },
    { value: 9_007_199_254_740_993n, column: '9007199254740993' },
    { value: 9_223_372_036_854_775_807n, column: '9223372036854775807' },
  ])('writes $value as $column and reads it back unchanged', ({ value, column }) => {
    expect(bigintTransformer.to(value)).toBe(column);
    expect(bigintTransformer.from(column)).toBe(value);
  });

  it('passes null and undefined through', () => {
    expect(bigintTransformer.to(null)).toBeNull();
    expect(bigintTransformer.to(undefined)).toBeUndefined();
    expect(bigintTransformer.from(null)).toBeNull();
  });

  it('accepts exact numbers and bigints coming from the driver', () => {
    expect(bigintTransformer.from(12)).toBe(12n);
    expect(bigintTransformer.from(7n)).toBe(7n);
  });

  it.each([
    { input: 2 ** 53 + 2, reason: /not an exact integer/ },
    { input: 1.5, reason: /not an exact integer/ },
    { input: '12.5', reason: /not an integer/ },
    { input: '', reason: /not an integer/ },
  ])('refuses to read $input, which would not be exact', ({ input, reason }) => {
    expect(() => bigintTransformer.from(input)).toThrow(reason);
  });

  it('refuses to write a number, so money never passes through a float', () => {
    expect(() => bigintTransformer.to(12 as unknown as bigint)).toThrow(
      'bigint column: expected a bigint, got number',
    );
  });
});
