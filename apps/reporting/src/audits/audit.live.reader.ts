import type { DataSource, QueryRunner } from '@kt/persistence';
import {
  LIVE_TABLES,
  SPEND_ROW_COLUMNS,
  toSpendRow,
  type LedgerEntryRow,
  type SpendRow,
  type SpendRowRecord,
} from '@kt/spend';

interface EntryRecord {
  event_id: string;
  request_id: string;
  occurred_at: string;
  type: LedgerEntryRow['type'];
  status: number;
  provider: string;
  target: string;
  group: string;
  model: string;
  team: string;
  key_id: string;
  input_tokens: string;
  output_tokens: string;
  cost_micro_usd: string;
  priced_by: string;
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** Reads the live ledger for an audit: SELECTs only, so the read-only role suffices. */
export class AuditLiveReader {
  constructor(private readonly ds: DataSource) {}

  /** The ledger's checkpoints now (outside any snapshot): used to wait for it to catch up. */
  checkpoints(consumer: string, topic: string): Promise<Map<number, bigint>> {
    return readCheckpoints((sql, params) => this.ds.query(sql, params), consumer, topic);
  }

  /**
   * Runs `body` inside one read-only REPEATABLE READ transaction: checkpoints, entries and rollups it
   * reads are one consistent state, since the ledger commits all three together.
   */
  async snapshot<T>(body: (s: AuditSnapshot) => Promise<T>): Promise<T> {
    const runner = this.ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        return await body(new AuditSnapshot(runner));
      } finally {
        // Read only: nothing to commit, and a cursor left open goes with the transaction.
        await runner.query('ROLLBACK');
      }
    } finally {
      await runner.release();
    }
  }
}

/** The live ledger as of one snapshot (see `AuditLiveReader.snapshot`). */
export class AuditSnapshot {
  constructor(private readonly runner: QueryRunner) {}

  checkpoints(consumer: string, topic: string): Promise<Map<number, bigint>> {
    return readCheckpoints((sql, params) => this.runner.query(sql, params), consumer, topic);
  }

  /** The live entries of `[since, until)`, page by page through a cursor: one scan, bounded memory. */
  async *entries(since: string, until: string, pageSize: number): AsyncGenerator<LedgerEntryRow[]> {
    await this.runner.query(
      `DECLARE audit_entries NO SCROLL CURSOR FOR
         SELECT event_id::text, request_id, to_char(occurred_at AT TIME ZONE 'UTC', ${ISO}) AS occurred_at,
                type, status, provider, target, "group", model, team, key_id, input_tokens::text,
                output_tokens::text, cost_micro_usd::text, priced_by
           FROM ${LIVE_TABLES.entries}
          WHERE occurred_at >= $1::timestamptz AND occurred_at < $2::timestamptz`,
      [since, until],
    );
    try {
      for (;;) {
        const rows = (await this.runner.query(
          `FETCH ${Math.trunc(pageSize)} FROM audit_entries`,
        )) as EntryRecord[];
        if (rows.length === 0) return;
        yield rows.map(toEntry);
      }
    } finally {
      await this.runner.query('CLOSE audit_entries');
    }
  }

  /** The `spend_hourly` rows of the hours `[from, to)`. */
  async hourly(from: string, to: string): Promise<SpendRow[]> {
    if (from >= to) return [];
    const rows = (await this.runner.query(
      `SELECT ${SPEND_ROW_COLUMNS}
         FROM ${LIVE_TABLES.rollup}
        WHERE hour >= $1::timestamptz AND hour < $2::timestamptz`,
      [from, to],
    )) as SpendRowRecord[];
    return rows.map(toSpendRow);
  }
}

type Query = (sql: string, params: unknown[]) => Promise<unknown>;

/** Partition → next offset to apply, of the ledger consumer `consumer` on `topic`. */
async function readCheckpoints(query: Query, consumer: string, topic: string): Promise<Map<number, bigint>> {
  const rows = (await query(
    `SELECT partition, next_offset::text AS next FROM ${LIVE_TABLES.offsets} WHERE consumer = $1 AND topic = $2`,
    [consumer, topic],
  )) as { partition: number; next: string }[];
  return new Map(rows.map((r) => [r.partition, BigInt(r.next)]));
}

function toEntry(r: EntryRecord): LedgerEntryRow {
  return {
    eventId: r.event_id,
    requestId: r.request_id,
    occurredAt: r.occurred_at,
    type: r.type,
    status: r.status,
    provider: r.provider,
    target: r.target,
    group: r.group,
    model: r.model,
    team: r.team,
    keyId: r.key_id,
    inputTokens: Number(r.input_tokens),
    outputTokens: Number(r.output_tokens),
    costMicroUsd: BigInt(r.cost_micro_usd),
    pricedBy: r.priced_by,
  };
}

/** Records not yet applied by the ledger: per partition, how far its checkpoint is below `high`. */
export function ledgerLag(
  high: ReadonlyMap<number, bigint>,
  checkpoints: ReadonlyMap<number, bigint>,
): number {
  let behind = 0n;
  for (const [p, h] of high) {
    const at = checkpoints.get(p) ?? 0n;
    if (at < h) behind += h - at;
  }
  return Number(behind);
}
