/** A flag or query field that could not be read as an instant; `field` names it (e.g. `since`). */
export class InstantParseError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'InstantParseError';
  }
}

export interface TimeWindow {
  readonly since: Date;
  readonly until: Date;
}

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const DURATION = /^(\d{1,9})([smhdw])$/;
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2}))?$/;

/**
 * Reads `15m | 24h | 30d | 2w` (that long before `now`) or an RFC 3339 time (a bare date means
 * midnight UTC). Throws an InstantParseError naming `field` and what was expected.
 */
export function parseInstant(text: string, now: Date, field = 'time'): Date {
  const trimmed = text.trim();
  const duration = DURATION.exec(trimmed);
  if (duration !== null) {
    const amount = Number(duration[1]);
    const unit = UNIT_MS[duration[2] ?? ''] ?? 0;
    return new Date(now.getTime() - amount * unit);
  }
  const parsed = parseRfc3339(trimmed);
  if (parsed !== undefined) return parsed;
  throw new InstantParseError(field, `expected a duration like 30d or an RFC 3339 time, got '${clip(text)}'`);
}

/**
 * Reads a `since`/`until` pair (either may be absent: `since` defaults to `defaultSince` before
 * `now`, `until` to `now`) and checks that the window is not empty.
 */
export function parseWindow(
  input: { readonly since?: string | undefined; readonly until?: string | undefined },
  now: Date,
  defaultSince = '30d',
): TimeWindow {
  const since = parseInstant(input.since ?? defaultSince, now, 'since');
  const until = input.until === undefined ? now : parseInstant(input.until, now, 'until');
  if (until.getTime() <= since.getTime()) {
    throw new InstantParseError(
      'until',
      `must be after since (${since.toISOString()}), got ${until.toISOString()}`,
    );
  }
  return { since, until };
}

function parseRfc3339(text: string): Date | undefined {
  const match = RFC3339.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second] = match;
  const zoned = hour === undefined ? `${text}T00:00:00Z` : text;
  const date = new Date(zoned.replace(' ', 'T'));
  if (Number.isNaN(date.getTime())) return undefined;
  // Date() rolls 2026-02-30 over to March; a calendar date that does not exist is an error.
  const probe = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (probe.getUTCMonth() !== Number(month) - 1 || probe.getUTCDate() !== Number(day)) return undefined;
  if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 60))
    return undefined;
  return date;
}

function clip(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}
