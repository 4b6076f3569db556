import { Inject, Injectable } from '@nestjs/common';
import type { TimeWindow } from '@kt/contracts';
import { DataSource } from '@kt/persistence';
import { afterCursor, decodeCursor, encodeCursor, eventWhere } from './event.sql.js';
import type { EventsQueryDto } from './events-query.dto.js';

export interface EventsPage {
  readonly events: readonly unknown[];
  readonly next_cursor: string | null;
}

interface EventRecord {
  readonly event: string;
  readonly occurred_at: string;
  readonly event_id: string;
}

/** Route events from `ledger_entries`, newest first, one keyset page at a time. */
@Injectable()
export class EventsSearch {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async page(query: EventsQueryDto, window: TimeWindow): Promise<EventsPage> {
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const { where, params } = afterCursor(eventWhere(window, query), cursor);
    const records = await this.ds.query<EventRecord[]>(
      `SELECT event::text AS event, event_id::text AS event_id,
              to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at
         FROM ledger_entries WHERE ${where}
        ORDER BY occurred_at DESC, event_id DESC LIMIT ${query.limit + 1}`,
      [...params],
    );
    const page = records.slice(0, query.limit);
    const last = page.at(-1);
    return {
      events: page.map((record) => JSON.parse(record.event) as unknown),
      next_cursor:
        records.length > query.limit && last !== undefined
          ? encodeCursor({ occurredAt: last.occurred_at, eventId: last.event_id })
          : null,
    };
  }
}
