import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { microUsdPerMillion, microUsdPerMillionFromPerThousand, scaledFromNumber } from './decimal.rate.js';

describe('catalog rates as exact integers', () => {
  it.each([
    [0.075, 75_000n],
    [0.15, 150_000n],
    [2.5, 2_500_000n],
    [22.5, 22_500_000n],
    [0, 0n],
    [1e-7, 0n],
    [5e-7, 1n],
    [1.25e-6, 1n],
    [1e21, 10n ** 27n],
    [0.18000000000000002, 180_000n],
  ])('%s USD per million → %s micro-USD per million', (usd, expected) => {
    expect(microUsdPerMillion(usd)).toBe(expected);
  });

  it('reads $12 per 1,000 requests as 12,000 micro-USD per request', () => {
    expect(microUsdPerMillionFromPerThousand(12)).toBe(12_000_000_000n);
  });

  it.each([[-1], [Number.NaN], [Infinity]])('refuses %s', (value) => {
    expect(() => scaledFromNumber(value, 6)).toThrow(RangeError);
  });

  it('agrees with the decimal text for any rate with up to 6 decimals (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), (micro) => {
        const text = `${micro / 1_000_000n}.${(micro % 1_000_000n).toString().padStart(6, '0')}`;
        expect(microUsdPerMillion(Number(text))).toBe(micro);
      }),
    );
  });
});
