import { scaleDecimalText } from '@kt/contracts';

/**
 * A catalog rate (a JS number, as the dataset ships it) × 10^`decimals` as an exact integer, read from
 * the number's shortest decimal text (`String(n)`: "0.075", "1.25e-7") rather than by float
 * multiplication, so 0.075 × 10^6 is 75,000 and not 74,999.99…; digits beyond the scale round half
 * up. Throws a RangeError for a negative or non-finite value.
 */
export function scaledFromNumber(value: number, decimals: number): bigint {
  const scaled =
    Number.isFinite(value) && value >= 0 ? scaleDecimalText(String(value), decimals, 'half_up') : undefined;
  if (scaled === undefined) throw new RangeError('expected a finite non-negative rate');
  return scaled;
}

/** USD per million units → integer micro-USD per million units (pico-USD per unit). */
export function microUsdPerMillion(usdPerMillion: number): bigint {
  return scaledFromNumber(usdPerMillion, 6);
}

/** USD per thousand units (the catalog's `_kcount`) → integer micro-USD per million units. */
export function microUsdPerMillionFromPerThousand(usdPerThousand: number): bigint {
  return scaledFromNumber(usdPerThousand, 9);
}
