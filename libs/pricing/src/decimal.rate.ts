const NUMBER_TEXT = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/**
 * A catalog rate (a JS number, as the dataset ships it) × 10^`decimals` as an exact integer, read from
 * the number's shortest decimal text (`String(n)`: "0.075", "1.25e-7") rather than by float
 * multiplication, so 0.075 × 10^6 is 75,000 and not 74,999.99…; digits beyond the scale round half
 * up. Throws a RangeError for a negative or non-finite value.
 */
export function scaledFromNumber(value: number, decimals: number): bigint {
  if (!Number.isFinite(value) || value < 0) throw new RangeError('expected a finite non-negative rate');
  const match = NUMBER_TEXT.exec(String(value));
  if (match === null) throw new RangeError('expected a finite non-negative rate');
  const [, whole = '0', fraction = '', exponentText = '0'] = match;
  // The digits as one integer and where the decimal point sits: value = digits × 10^-point.
  const digits = whole + fraction;
  const point = fraction.length - Number(exponentText);
  const shift = decimals - point;
  if (shift >= 0) return BigInt(digits) * 10n ** BigInt(shift);
  const divisor = 10n ** BigInt(-shift);
  const scaled = BigInt(digits);
  const quotient = scaled / divisor;
  return 2n * (scaled % divisor) >= divisor ? quotient + 1n : quotient;
}

/** USD per million units → integer micro-USD per million units (pico-USD per unit). */
export function microUsdPerMillion(usdPerMillion: number): bigint {
  return scaledFromNumber(usdPerMillion, 6);
}

/** USD per thousand units (the catalog's `_kcount`) → integer micro-USD per million units. */
export function microUsdPerMillionFromPerThousand(usdPerThousand: number): bigint {
  return scaledFromNumber(usdPerThousand, 9);
}
