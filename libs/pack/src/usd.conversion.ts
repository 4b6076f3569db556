// USD amounts as written in the pack → integer micro-USD, exactly (0.15 → 150000n), with no
// floating-point arithmetic on the way.

const MICRO_DIGITS = 6;
const NUMBER_TEXT = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/** `undefined` when the amount is negative, not finite, or finer than one micro-USD. */
export function usdToMicroUsd(amount: number): bigint | undefined {
  if (!Number.isFinite(amount) || amount < 0) return undefined;
  // String(number) is the shortest text that reads back as the same double: what the user wrote.
  const match = NUMBER_TEXT.exec(String(amount));
  if (match === null) return undefined;
  const [, whole = '', fraction = '', exponent = '0'] = match;
  const digits = whole + fraction;
  const shift = Number(exponent) - fraction.length + MICRO_DIGITS;
  if (shift >= 0) return BigInt(digits) * 10n ** BigInt(shift);
  const dropped = digits.slice(shift);
  if (!/^0*$/.test(dropped)) return undefined;
  return BigInt(digits.slice(0, shift) || '0');
}
