/** RFC 3339 timestamp in UTC with a `Z`, e.g. `2025-03-01T12:00:00.123Z`. */
export type UtcTimestamp = string;

// Leap second 60 is refused because Date cannot hold it. At most microseconds: PostgreSQL keeps
// microseconds and would round `23:59:59.9999995Z` into the next day, or the next month's partition.
const UTC_PATTERN =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,6})?Z$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** An RFC 3339 UTC timestamp of a real calendar day (no 31 February: Date would roll it into March). */
export function isUtcTimestamp(value: string): boolean {
  const match = UTC_PATTERN.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year === 0) return false; // PostgreSQL has no year 0
  if (day <= 28) return true;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0));
}

/** The current time as a wire timestamp (millisecond precision). */
export function utcNow(): UtcTimestamp {
  return new Date().toISOString();
}

/** Formats a Date or epoch milliseconds as a wire timestamp; throws a RangeError for an invalid date. */
export function toUtcTimestamp(at: Date | number): UtcTimestamp {
  return (typeof at === 'number' ? new Date(at) : at).toISOString();
}
