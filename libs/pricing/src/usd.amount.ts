const USD_TEXT = /^(\d+)(?:\.(\d+))?$/;
const MICRO_DIGITS = 6;

/**
 * A decimal USD amount written as text ("2.50", "0.075", a provider's "0.0000123") → integer
 * micro-USD, exactly; digits beyond the sixth decimal are rounded half up. No floating point.
 */
export function microUsdFromUsd(text: string): bigint {
  const match = USD_TEXT.exec(text.trim());
  if (match === null) throw new RangeError(`expected a non-negative decimal USD amount, got "${text}"`);
  const [, whole = '0', fraction = ''] = match;
  const kept = fraction.slice(0, MICRO_DIGITS).padEnd(MICRO_DIGITS, '0');
  const micro = BigInt(whole) * 1_000_000n + BigInt(kept);
  const roundUp = fraction.length > MICRO_DIGITS && fraction.charCodeAt(MICRO_DIGITS) >= 53; // '5'
  return roundUp ? micro + 1n : micro;
}
