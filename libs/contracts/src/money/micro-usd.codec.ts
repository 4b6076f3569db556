/** Money on the wire: a decimal string of integer micro-USD; in memory: bigint where computed. */
export type MicroUsdString = string;

const MICRO_USD_PATTERN = /^-?\d+$/;
// Postgres BIGINT is the ledger's column type, so anything outside int64 is refused at the edge.
const INT64_MAX = 9_223_372_036_854_775_807n;
const INT64_MIN = -9_223_372_036_854_775_808n;

/** True for `"1234"`, `"-5"`, `"0"` within int64; false for `"1.5"`, `"1e3"`, `" 1"`, `""`. */
export function isMicroUsdString(value: string): boolean {
  if (!MICRO_USD_PATTERN.test(value)) return false;
  // 18 digits always fit; only longer strings need the exact comparison.
  const digits = value.charCodeAt(0) === 45 ? value.length - 1 : value.length;
  if (digits < 19) return true;
  const amount = BigInt(value);
  return amount <= INT64_MAX && amount >= INT64_MIN;
}

/** Parses a wire money string; throws a RangeError for anything that is not integer micro-USD. */
export function parseMicroUsd(value: string): bigint {
  if (typeof value !== 'string' || !isMicroUsdString(value)) {
    throw new RangeError('expected an integer micro-USD string within int64, like "1234"');
  }
  return BigInt(value);
}

/** Formats a bigint amount for the wire; throws a RangeError outside int64 (the ledger's column). */
export function toMicroUsdString(amount: bigint): MicroUsdString {
  if (typeof amount !== 'bigint') throw new TypeError('expected a bigint amount of micro-USD');
  if (amount > INT64_MAX || amount < INT64_MIN) throw new RangeError('micro-USD amount outside int64');
  return amount.toString();
}
