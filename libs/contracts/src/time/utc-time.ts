/** RFC 3339 timestamp in UTC with a `Z`, e.g. `2025-03-01T12:00:00.123Z`. */
export type UtcTimestamp = string;

// Calendar ranges are checked by the pattern; leap second 60 is refused because Date cannot hold it.
const UTC_PATTERN =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?Z$/;

export function isUtcTimestamp(value: string): boolean {
  return UTC_PATTERN.test(value);
}

/** The current time as a wire timestamp (millisecond precision). */
export function utcNow(): UtcTimestamp {
  return new Date().toISOString();
}

/** Formats a Date or epoch milliseconds as a wire timestamp; throws a RangeError for an invalid date. */
export function toUtcTimestamp(at: Date | number): UtcTimestamp {
  return (typeof at === 'number' ? new Date(at) : at).toISOString();
}
