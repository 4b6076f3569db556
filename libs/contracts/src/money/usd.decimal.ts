// The one reader of decimal money: USD as written in a pack, sent to the ledger's budget API, or
// shipped as a catalog rate → an integer at a fixed scale (micro-USD, pico-USD …), exactly, with no
// floating-point arithmetic on the way.

const DECIMAL_TEXT = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;
const PLAIN_DECIMAL = /^\d+(?:\.\d+)?$/;
const MICRO_DIGITS = 6;

/**
 * What becomes of digits finer than the scale: `exact` refuses the amount (a price a pack writes is
 * what it means, so 0.30000000000000004 is an error, not 0.3), `half_up` rounds on the first one.
 */
export type DecimalRounding = 'exact' | 'half_up';

/**
 * Non-negative decimal text ("0.075", a number's shortest text "1.25e-7") × 10^`decimals` as an
 * integer; undefined when the text is not such a decimal, or when `exact` would drop a digit.
 */
export function scaleDecimalText(
  text: string,
  decimals: number,
  rounding: DecimalRounding,
): bigint | undefined {
  const match = DECIMAL_TEXT.exec(text);
  if (match === null) return undefined;
  const [, whole = '', fraction = '', exponent = '0'] = match;
  // The digits as one integer and how far the decimal point must move: value = digits × 10^-shift.
  const digits = BigInt(whole + fraction);
  const shift = decimals + Number(exponent) - fraction.length;
  if (shift >= 0) return digits * 10n ** BigInt(shift);
  const divisor = 10n ** BigInt(-shift);
  const quotient = digits / divisor;
  const remainder = digits % divisor;
  if (remainder === 0n) return quotient;
  if (rounding === 'exact') return undefined;
  return 2n * remainder >= divisor ? quotient + 1n : quotient;
}

/**
 * A USD amount of the pack (a YAML number: 0.15 → 150000n). `undefined` when it is negative, not
 * finite, or finer than one micro-USD: the pack is refused rather than silently rounded.
 */
export function usdToMicroUsd(amount: number): bigint | undefined {
  if (!Number.isFinite(amount) || amount < 0) return undefined;
  // String(number) is the shortest text that reads back as the same double: what the user wrote.
  return scaleDecimalText(String(amount), MICRO_DIGITS, 'exact');
}

/**
 * A decimal USD amount written as text ("2.50", "0.075", a provider's "0.0000123") → integer
 * micro-USD; digits beyond the sixth decimal are rounded half up. Throws a RangeError for anything
 * but plain non-negative decimal text (no sign, no exponent).
 */
export function microUsdFromUsd(text: string): bigint {
  const trimmed = text.trim();
  const micro = PLAIN_DECIMAL.test(trimmed) ? scaleDecimalText(trimmed, MICRO_DIGITS, 'half_up') : undefined;
  if (micro === undefined) throw new RangeError(`expected a non-negative decimal USD amount, got "${text}"`);
  return micro;
}
