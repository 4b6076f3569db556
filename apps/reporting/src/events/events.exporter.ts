import { pipeline, type Transform } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TimeWindow } from '@kt/contracts';
import { DataSource } from '@kt/persistence';
import QueryStream from 'pg-query-stream';
import { ReportingMetrics } from '../telemetry/reporting.metrics.js';
import { EXPORT_SELECT } from './event.columns.js';
import { EXPORT_ENCODINGS } from './event.export.js';
import { eventWhere } from './event.sql.js';
import type { ExportQueryDto } from './events-query.dto.js';

export interface EventExport {
  readonly rows: number;
  readonly contentType: string;
  readonly filename: string;
  readonly body: Transform;
}

interface PgClient {
  query(stream: QueryStream): QueryStream;
}

/** Rows fetched from the server-side cursor at a time: memory stays bounded whatever the export's size. */
const BATCH_ROWS = 500;

/** Streams route events out of `ledger_entries`, oldest first, through a Postgres cursor. */
@Injectable()
export class EventsExporter {
  private readonly logger = new Logger('EventsExporter');

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(ReportingMetrics) private readonly metrics: ReportingMetrics,
  ) {}

  async open(query: ExportQueryDto, window: TimeWindow): Promise<EventExport> {
    const { where, params } = eventWhere(window, query);
    const [{ rows }] = await this.ds.query<{ rows: string }[]>(
      `SELECT count(*)::text AS rows FROM ledger_entries WHERE ${where}`,
      [...params],
    );
    const select = query.format === 'csv' ? EXPORT_SELECT : 'event::text AS event';
    const runner = this.ds.createQueryRunner('slave');
    const client = (await runner.connect()) as PgClient;
    const encoding = EXPORT_ENCODINGS[query.format];
    const body = encoding.encoder();
    const source = client.query(
      new QueryStream(
        `SELECT ${select} FROM ledger_entries WHERE ${where} ORDER BY occurred_at, event_id`,
        [...params],
        { batchSize: BATCH_ROWS, highWaterMark: BATCH_ROWS },
      ),
    );
    this.metrics.countExport(query.format, source);
    // pipeline destroys the cursor if the client goes away; the connection goes back to the pool either way.
    pipeline(source, body, (error) => {
      if (error !== undefined && error !== null && error.name !== 'AbortError') {
        this.logger.warn(`export stopped: ${error.message}`);
      }
      void runner.release();
    });
    return {
      rows: Number(rows),
      contentType: encoding.contentType,
      filename: `kt-events.${encoding.extension}`,
      body,
    };
  }
}
