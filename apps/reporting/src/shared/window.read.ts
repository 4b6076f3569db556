import { InstantParseError, parseInstant, parseWindow, type TimeWindow } from '@kt/contracts';
import { InvalidParameterError } from './invalid-parameter.error.js';
import type { WindowQueryDto } from './window-query.dto.js';

/**
 * The instants a window may name: years 0001 to 9999. JavaScript dates reach further (and past
 * ±8.64e15 ms not at all: `99999999d` is an Invalid Date), PostgreSQL has no year 0 and our wire
 * timestamps have four-digit years; outside this range a query could only fail in the database.
 */
export const EARLIEST_INSTANT_MS = Date.parse('0001-01-01T00:00:00Z');
/** The last whole hour of 9999: widening to whole hours stays in range. */
export const LATEST_INSTANT_MS = Date.parse('9999-12-31T23:00:00Z');

/** The query's time window at `now`, or a 400 naming `since` or `until`. */
export function readWindow(query: WindowQueryDto, now: Date, defaultSince = '30d'): TimeWindow {
  try {
    checkInRange('since', parseInstant(query.since ?? defaultSince, now, 'since'));
    if (query.until !== undefined) checkInRange('until', parseInstant(query.until, now, 'until'));
    return parseWindow({ since: query.since, until: query.until }, now, defaultSince);
  } catch (error) {
    if (error instanceof InstantParseError) throw new InvalidParameterError(error.field, error.message);
    throw error;
  }
}

/** An instant within years 0001–9999, or an InstantParseError naming `field`. */
export function checkInRange(field: string, instant: Date): Date {
  const ms = instant.getTime();
  if (Number.isNaN(ms) || ms < EARLIEST_INSTANT_MS || ms > LATEST_INSTANT_MS) {
    throw new InstantParseError(field, 'out of range; expected a time between the years 0001 and 9999');
  }
  return instant;
}

const HOUR_MS = 3_600_000;

/** Widens a window to whole hours (since down, until up): the rollup's grain. */
export function toWholeHours(window: TimeWindow): TimeWindow {
  const since = Math.floor(window.since.getTime() / HOUR_MS) * HOUR_MS;
  const until = Math.ceil(window.until.getTime() / HOUR_MS) * HOUR_MS;
  return { since: new Date(since), until: new Date(until) };
}
