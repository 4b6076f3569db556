import type { DataSource, EntityManager } from '@kt/persistence';
import { copyEntries } from '../projection/entry.copy.js';
import { entriesKeySql, type LedgerTables } from '@kt/spend';
import { upsertRollups, type PartitionSlice } from '../projection/spend.applier.js';
import type { RebuildFold } from './rebuild.fold.js';

const ROLLUPS_PER_STATEMENT = 10_000;

/**
 * Appends a replayed slice's new entries to the rebuild's key-less entries table with COPY. No
 * commit waits for the WAL flush: the swap's own (synchronous) commit flushes everything before it.
 */
export async function loadSlice(
  ds: DataSource,
  t: LedgerTables,
  fold: RebuildFold,
  slice: PartitionSlice,
): Promise<number> {
  const rows = fold.take(slice);
  if (rows.length === 0) return 0;
  const json = new Map(slice.events.map((e, i) => [e.event_id, slice.texts[i]] as const));
  await ds.transaction(async (em) => {
    await em.query('SET LOCAL synchronous_commit = off');
    await copyEntries(em, t.entries, rows, (r) => json.get(r.eventId) ?? '{}');
  });
  return rows.length;
}

/** After the replay: the entries' key (one index build beats a million index inserts), rollups, checkpoints. */
export async function finishLoad(
  em: EntityManager,
  t: LedgerTables,
  fold: RebuildFold,
  consumer: string,
  topic: string,
): Promise<void> {
  await em.query(entriesKeySql(t));
  const rollups = fold.rollups();
  for (let from = 0; from < rollups.length; from += ROLLUPS_PER_STATEMENT) {
    await upsertRollups(em, t, rollups.slice(from, from + ROLLUPS_PER_STATEMENT));
  }
  const checkpoints = [...fold.checkpoints()];
  if (checkpoints.length === 0) return;
  await em.query(
    `INSERT INTO ${t.offsets} (consumer, topic, partition, next_offset)
     SELECT $1, $2, p, o FROM unnest($3::int[], $4::bigint[]) AS c(p, o)`,
    [consumer, topic, checkpoints.map(([p]) => p), checkpoints.map(([, o]) => o)],
  );
}
