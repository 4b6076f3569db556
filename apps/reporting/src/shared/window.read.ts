import { InstantParseError, parseWindow, type TimeWindow } from '@kt/contracts';
import { InvalidParameterError } from './invalid-parameter.error.js';
import type { WindowQueryDto } from './window-query.dto.js';

/** The query's time window at `now`, or a 400 naming `since` or `until`. */
export function readWindow(query: WindowQueryDto, now: Date, defaultSince = '30d'): TimeWindow {
  try {
    return parseWindow({ since: query.since, until: query.until }, now, defaultSince);
  } catch (error) {
    if (error instanceof InstantParseError) throw new InvalidParameterError(error.field, error.message);
    throw error;
  }
}

const HOUR_MS = 3_600_000;

/** Widens a window to whole hours (since down, until up): the rollup's grain. */
export function toWholeHours(window: TimeWindow): TimeWindow {
  const since = Math.floor(window.since.getTime() / HOUR_MS) * HOUR_MS;
  const until = Math.ceil(window.until.getTime() / HOUR_MS) * HOUR_MS;
  return { since: new Date(since), until: new Date(until) };
}
