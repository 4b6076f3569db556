import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager } from '@kt/persistence';
import type { RouteEvent } from '@kt/contracts';
import {
  ENTRY_FLAG_SUMS_SQL,
  FLAG_COLUMNS,
  type LedgerEntryRow,
  type LedgerTables,
  spendKeyString,
  type SpendRow,
  toEntryRow,
} from '@kt/spend';
import { copyEntries } from './entry.copy.js';
import { ENTRY_COLUMN_LIST } from './entry.values.js';

/** One partition's slice of a fetched batch: decoded events, and the offset to resume from. */
export interface PartitionSlice {
  readonly consumer: string;
  readonly topic: string;
  readonly partition: number;
  /** Offsets (decimal strings) of the decoded events, parallel to `events`. */
  readonly offsets: readonly string[];
  readonly events: readonly RouteEvent[];
  /** The records' JSON text, parallel to `events`, stored as the entry's `event` without re-encoding. */
  readonly texts: readonly string[];
  /** Offset of the batch's first record (poison included). */
  readonly firstOffset: string;
  /** Last offset of the slice + 1 (poison records included: they are dead-lettered already). */
  readonly nextOffset: string;
}

export interface AppliedSlice {
  /** Events newly projected (not skipped as already applied or duplicates). */
  readonly events: number;
  readonly hours: readonly string[];
  /**
   * Set when the stored checkpoint is BEHIND the batch (records in between were never applied to
   * these tables — e.g. another replica's rebuild swapped them in): nothing was applied, and the
   * consumer must re-read the partition from this offset.
   */
  readonly rewindTo?: bigint;
}

export interface ApplyOptions {
  /**
   * Fault injection (`LEDGER_APPLY_DELAY_MS`): holds the transaction open this long after every
   * write and before COMMIT, so a crash test can kill the ledger mid-batch on purpose.
   */
  readonly delayMs?: number;
  /**
   * Apply a batch that starts above the stored checkpoint anyway: the partition was already re-read
   * from the checkpoint once and the broker still answered from higher up, so the records in
   * between are gone from the topic (retention), not merely unread.
   */
  readonly acceptGap?: boolean;
  /** The topic id the projector checked the log against: stored with the checkpoint. */
  readonly topicId?: string;
}

const STAGE = 'ledger_stage';
const DIMS = 'hour, provider, target, "group", model, team, key_id';

/**
 * The thin applier: in the caller's transaction, locks the partition's checkpoint, drops records
 * below it, COPYs the rest into a transaction-local staging table and, in one statement, inserts
 * the entries not stored yet (the de-dup) and adds exactly those to the rollups; then moves the
 * checkpoint. Run inside one transaction, a batch is applied exactly once or not at all. The
 * monthly partitions must exist already (`MonthPartitions.ensure`).
 */
export async function applySlice(
  em: EntityManager,
  t: LedgerTables,
  slice: PartitionSlice,
  opts: ApplyOptions = {},
): Promise<AppliedSlice> {
  // Checkpoint and projection commit or vanish together, so a commit lost to a database crash is
  // simply re-applied from Kafka: waiting for the WAL flush buys nothing here.
  await em.query('SET LOCAL synchronous_commit = off');
  const stored = await lockCheckpoint(em, t, slice, opts.topicId);
  if (BigInt(slice.nextOffset) <= stored) return { events: 0, hours: [] };
  if (BigInt(slice.firstOffset) > stored && !opts.acceptGap)
    return { events: 0, hours: [], rewindTo: stored };
  const keep = slice.events.flatMap((_, i) => (BigInt(slice.offsets[i] ?? '0') >= stored ? [i] : []));
  const rows: LedgerEntryRow[] = [];
  const texts: string[] = [];
  for (const i of keep) {
    const e = slice.events[i];
    if (!e) continue;
    rows.push(toEntryRow(e));
    texts.push(slice.texts[i] ?? '{}');
  }
  const hours = rows.length === 0 ? [] : await insertAndRollUp(em, t, rows, texts);
  // Tables without the id column (a bench's scratch tables) are written without it.
  const withId = opts.topicId === undefined ? [] : [opts.topicId];
  await em.query(
    `UPDATE ${t.offsets} SET next_offset = $4, ${withId.length ? 'topic_id = $5, ' : ''}updated_at = now()
      WHERE consumer = $1 AND topic = $2 AND partition = $3`,
    [slice.consumer, slice.topic, slice.partition, slice.nextOffset, ...withId],
  );
  if (opts.delayMs) await sleep(opts.delayMs);
  return { events: hours.reduce((n, h) => n + h.events, 0), hours: hours.map((h) => h.hour) };
}

async function lockCheckpoint(
  em: EntityManager,
  t: LedgerTables,
  s: PartitionSlice,
  topicId: string | undefined,
): Promise<bigint> {
  await em.query(
    topicId === undefined
      ? `INSERT INTO ${t.offsets} (consumer, topic, partition, next_offset) VALUES ($1, $2, $3, 0)
         ON CONFLICT DO NOTHING`
      : `INSERT INTO ${t.offsets} (consumer, topic, partition, next_offset, topic_id) VALUES ($1, $2, $3, 0, $4)
         ON CONFLICT DO NOTHING`,
    [s.consumer, s.topic, s.partition, ...(topicId === undefined ? [] : [topicId])],
  );
  const locked = (await em.query(
    `SELECT next_offset::text AS next FROM ${t.offsets}
      WHERE consumer = $1 AND topic = $2 AND partition = $3 FOR UPDATE`,
    [s.consumer, s.topic, s.partition],
  )) as { next: string }[];
  return BigInt(locked[0]?.next ?? '0');
}

/**
 * COPY into the staging table, then one statement: entries `ON CONFLICT DO NOTHING RETURNING` the
 * rows actually inserted (a redelivered event is byte-identical, so the key catches it; the same
 * id twice in one batch is inserted once), summed per rollup key and upserted in key order, so
 * concurrent partitions lock shared rollup rows in one order and cannot deadlock.
 */
async function insertAndRollUp(
  em: EntityManager,
  t: LedgerTables,
  rows: readonly LedgerEntryRow[],
  texts: readonly string[],
): Promise<{ hour: string; events: number }[]> {
  await em.query(`CREATE TEMP TABLE IF NOT EXISTS ${STAGE} (LIKE ${t.entries}) ON COMMIT DROP`);
  await copyEntries(em, STAGE, rows, (_, i) => texts[i] ?? '{}');
  const cols = ENTRY_COLUMN_LIST.slice(1, -1);
  const added = (await em.query(
    `WITH fresh AS (
       INSERT INTO ${t.entries} ${ENTRY_COLUMN_LIST} SELECT ${cols} FROM ${STAGE}
       ON CONFLICT DO NOTHING
       RETURNING occurred_at, type, provider, target, "group", model, team, key_id,
         input_tokens, output_tokens, cost_micro_usd, priced_by
     ), sums AS (
       SELECT date_trunc('hour', occurred_at, 'UTC') AS hour, provider, target, "group", model, team, key_id,
         count(*)::bigint AS requests, count(*) FILTER (WHERE type <> 'route.completed')::bigint AS errors,
         sum(input_tokens)::bigint AS input_tokens, sum(output_tokens)::bigint AS output_tokens,
         sum(cost_micro_usd)::bigint AS cost_micro_usd, ${ENTRY_FLAG_SUMS_SQL}
       FROM fresh GROUP BY ${DIMS}
     ), rolled AS (
       INSERT INTO ${t.rollup} AS s (${DIMS}, ${COUNTERS})
       SELECT * FROM sums ORDER BY ${DIMS}
       ON CONFLICT (${DIMS}) DO UPDATE SET ${ADD_TOTALS}
     )
     SELECT to_char(hour AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS hour,
       sum(requests)::int AS events
     FROM sums GROUP BY hour ORDER BY hour`,
  )) as { hour: string; events: number }[];
  return added;
}

/** The rollup's counters: spend, then how the requests were priced (`@kt/spend` FLAG_COLUMNS). */
const COUNTER_COLUMNS = [
  'requests',
  'errors',
  'input_tokens',
  'output_tokens',
  'cost_micro_usd',
  ...FLAG_COLUMNS,
] as const;
const COUNTERS = COUNTER_COLUMNS.join(', ');
const ADD_TOTALS = COUNTER_COLUMNS.map((c) => `${c} = s.${c} + EXCLUDED.${c}`).join(', ');

/** Adds rollup rows to `spend_hourly` (or a rebuild's copy), creating the missing ones. */
export async function upsertRollups(
  em: EntityManager,
  t: LedgerTables,
  rows: readonly SpendRow[],
): Promise<void> {
  // Sorted, so concurrent partitions lock shared rollup rows in one order and cannot deadlock.
  const sums = rows
    .map((r) => [spendKeyString(r), r] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r);
  await em.query(
    `INSERT INTO ${t.rollup} AS s (${DIMS}, ${COUNTERS})
     SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
       $7::text[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[],
       $13::bigint[], $14::bigint[], $15::bigint[], $16::bigint[])
     ON CONFLICT (${DIMS}) DO UPDATE SET ${ADD_TOTALS}`,
    [
      sums.map((r) => r.hour),
      sums.map((r) => r.provider),
      sums.map((r) => r.target),
      sums.map((r) => r.group),
      sums.map((r) => r.model),
      sums.map((r) => r.team),
      sums.map((r) => r.keyId),
      sums.map((r) => r.requests.toString()),
      sums.map((r) => r.errors.toString()),
      sums.map((r) => r.inputTokens.toString()),
      sums.map((r) => r.outputTokens.toString()),
      sums.map((r) => r.costMicroUsd.toString()),
      sums.map((r) => r.unpricedRequests.toString()),
      sums.map((r) => r.unpricedTokens.toString()),
      sums.map((r) => r.estimatedRequests.toString()),
      sums.map((r) => r.rejectedRequests.toString()),
    ],
  );
}
