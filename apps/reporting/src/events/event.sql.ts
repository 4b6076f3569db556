import { isUtcTimestamp, type TimeWindow } from '@kt/contracts';
import { dimensionFilter } from '../shared/dimension.sql.js';
import { InvalidParameterError } from '../shared/invalid-parameter.error.js';
import type { EventFiltersDto } from './events-query.dto.js';

export interface EventSql {
  readonly where: string;
  readonly params: readonly unknown[];
}

/** Position of the last event of a page: the keyset `(occurred_at, event_id)`, newest first. */
export interface EventCursor {
  readonly occurredAt: string;
  readonly eventId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** WHERE over `ledger_entries` for a window and the filters (window exact: events are not bucketed). */
export function eventWhere(window: TimeWindow, filters: EventFiltersDto): EventSql {
  const params: unknown[] = [window.since, window.until];
  const clauses = ['occurred_at >= $1', 'occurred_at < $2'];
  const dims = dimensionFilter(filters, 3);
  clauses.push(...dims.clauses);
  params.push(...dims.params);
  const status = filters.status;
  if (status === 'ok') clauses.push(`type = 'route.completed'`);
  else if (status === 'error') clauses.push(`type <> 'route.completed'`);
  else if (status !== undefined && status.endsWith('xx')) {
    params.push(Number(status[0]) * 100);
    clauses.push(`status >= $${params.length} AND status < $${params.length} + 100`);
  } else if (status !== undefined) {
    params.push(Number(status));
    clauses.push(`status = $${params.length}`);
  }
  if (filters.request_id !== undefined) {
    params.push(filters.request_id);
    clauses.push(`request_id = $${params.length}`);
  }
  if (filters.client_request_id !== undefined) {
    // Read from the stored event: no column (and no migration of the entries) for an optional field
    // searched within a time window, which bounds the rows this looks at as it does for request_id.
    params.push(filters.client_request_id);
    clauses.push(`event->>'client_request_id' = $${params.length}`);
  }
  return { where: clauses.join(' AND '), params };
}

/** Adds "older than the cursor" to a WHERE, in the page order `occurred_at DESC, event_id DESC`. */
export function afterCursor(base: EventSql, cursor: EventCursor | undefined): EventSql {
  if (cursor === undefined) return base;
  const n = base.params.length;
  return {
    where: `${base.where} AND (occurred_at, event_id) < ($${n + 1}::timestamptz, $${n + 2}::uuid)`,
    params: [...base.params, cursor.occurredAt, cursor.eventId],
  };
}

export function encodeCursor(cursor: EventCursor): string {
  return Buffer.from(JSON.stringify([cursor.occurredAt, cursor.eventId]), 'utf8').toString('base64url');
}

/** Reads an opaque cursor back, or a 400 naming `cursor`. */
export function decodeCursor(text: string): EventCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2) {
      const [occurredAt, eventId] = value as unknown[];
      if (
        typeof occurredAt === 'string' &&
        // Strict: Date.parse takes "1", which PostgreSQL refuses (a 500 instead of this 400).
        isUtcTimestamp(occurredAt) &&
        typeof eventId === 'string' &&
        UUID.test(eventId)
      ) {
        return { occurredAt, eventId };
      }
    }
  } catch {
    // Falls through to the 400 below: the cursor was not one we issued.
  }
  throw new InvalidParameterError('cursor', 'cursor: expected the next_cursor of a previous page');
}
