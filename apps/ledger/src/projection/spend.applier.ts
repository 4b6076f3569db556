import type { EntityManager } from '@kt/persistence';
import type { RouteEvent } from '@kt/contracts';
import {
  type LedgerEntryRow,
  type LedgerTables,
  rollup,
  spendKeyString,
  type SpendRow,
  toEntryRow,
} from '@kt/spend';
import { ENTRIES_PER_STATEMENT, ENTRY_COLUMN_LIST, entryValues } from './entry.values.js';

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
  /** Last offset of the slice + 1 (poison records included: they are dead-lettered already). */
  readonly nextOffset: string;
}

export interface AppliedSlice {
  /** Events newly projected (not skipped as already applied or duplicates). */
  readonly events: number;
  readonly hours: readonly string[];
}

/**
 * The thin applier: in the caller's transaction, locks the partition's checkpoint, drops records
 * below it and event ids already seen, writes entries and rollups for the rest, and moves the
 * checkpoint. Run inside one transaction, a batch is applied exactly once or not at all. The
 * monthly partitions must exist already (`MonthPartitions.ensure`).
 */
export async function applySlice(
  em: EntityManager,
  t: LedgerTables,
  slice: PartitionSlice,
): Promise<AppliedSlice> {
  // Checkpoint and projection commit or vanish together, so a commit lost to a database crash is
  // simply re-applied from Kafka: waiting for the WAL flush buys nothing here.
  await em.query('SET LOCAL synchronous_commit = off');
  const stored = await lockCheckpoint(em, t, slice);
  if (BigInt(slice.nextOffset) <= stored) return { events: 0, hours: [] };
  const keep = slice.events.flatMap((_, i) => (BigInt(slice.offsets[i] ?? '0') >= stored ? [i] : []));
  const text = new Map(keep.map((i) => [slice.events[i]?.event_id, slice.texts[i]] as const));
  const rows = await insertNewEntries(
    em,
    t,
    keep.flatMap((i) => {
      const e = slice.events[i];
      return e ? [toEntryRow(e)] : [];
    }),
    text,
  );
  if (rows.length > 0) await upsertRollups(em, t, rollup(rows));
  await em.query(
    `UPDATE ${t.offsets} SET next_offset = $4, updated_at = now()
      WHERE consumer = $1 AND topic = $2 AND partition = $3`,
    [slice.consumer, slice.topic, slice.partition, slice.nextOffset],
  );
  const hours = new Set(rollup(rows).map((r) => r.hour));
  return { events: rows.length, hours: [...hours].sort() };
}

async function lockCheckpoint(em: EntityManager, t: LedgerTables, s: PartitionSlice): Promise<bigint> {
  await em.query(
    `INSERT INTO ${t.offsets} (consumer, topic, partition, next_offset) VALUES ($1, $2, $3, 0)
     ON CONFLICT DO NOTHING`,
    [s.consumer, s.topic, s.partition],
  );
  const locked = (await em.query(
    `SELECT next_offset::text AS next FROM ${t.offsets}
      WHERE consumer = $1 AND topic = $2 AND partition = $3 FOR UPDATE`,
    [s.consumer, s.topic, s.partition],
  )) as { next: string }[];
  return BigInt(locked[0]?.next ?? '0');
}

/**
 * Inserts the entries and returns the rows actually inserted: the de-dup. A redelivered event is
 * byte-identical (same `event_id`, same `occurred_at`), so the entries' primary key catches it, in
 * the same partition.
 */
async function insertNewEntries(
  em: EntityManager,
  t: LedgerTables,
  rows: readonly LedgerEntryRow[],
  json: ReadonlyMap<string | undefined, string | undefined>,
): Promise<LedgerEntryRow[]> {
  const fresh = new Set<string>();
  for (let from = 0; from < rows.length; from += ENTRIES_PER_STATEMENT) {
    const chunk = rows.slice(from, from + ENTRIES_PER_STATEMENT);
    const { tuples, params } = entryValues(chunk, json);
    const inserted = (await em.query(
      `INSERT INTO ${t.entries} ${ENTRY_COLUMN_LIST} VALUES ${tuples} ON CONFLICT DO NOTHING RETURNING event_id::text`,
      params,
    )) as { event_id: string }[];
    for (const r of inserted) fresh.add(r.event_id);
  }
  // The same id twice in one batch is inserted once: keep the first. Postgres prints uuids in lower case.
  return rows.filter((r) => fresh.delete(r.eventId.toLowerCase()));
}

/** Adds rollup rows to `spend_hourly` (or a rebuild's copy), creating the missing ones. */
export async function upsertRollups(
  em: EntityManager,
  t: LedgerTables,
  rows: readonly SpendRow[],
): Promise<void> {
  // Sorted, so concurrent partitions lock shared rollup rows in one order and cannot deadlock.
  const sums = [...rows].sort((a, b) => (spendKeyString(a) < spendKeyString(b) ? -1 : 1));
  await em.query(
    `INSERT INTO ${t.rollup} AS s (hour, provider, target, "group", model, team, key_id,
       requests, errors, input_tokens, output_tokens, cost_micro_usd)
     SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
       $7::text[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[])
     ON CONFLICT (hour, provider, target, "group", model, team, key_id) DO UPDATE SET
       requests = s.requests + EXCLUDED.requests, errors = s.errors + EXCLUDED.errors,
       input_tokens = s.input_tokens + EXCLUDED.input_tokens,
       output_tokens = s.output_tokens + EXCLUDED.output_tokens,
       cost_micro_usd = s.cost_micro_usd + EXCLUDED.cost_micro_usd`,
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
    ],
  );
}
