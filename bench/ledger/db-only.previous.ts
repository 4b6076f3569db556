import { createDataSource, type EntityManager } from '@kt/persistence';
import type { RouteEvent } from '@kt/contracts';
import {
  ENTRY_COLUMN_LIST,
  ENTRIES_PER_STATEMENT,
  entryValues,
} from '../../apps/ledger/src/projection/entry.values.js';
import { MonthPartitions } from '../../apps/ledger/src/projection/month.partitions.js';
import { upsertRollups } from '../../apps/ledger/src/projection/spend.applier.js';
import { rollup, toEntryRow } from '@kt/spend';

const TABLES = {
  entries: 'prev_entries',
  eventIds: 'prev_event_ids',
  rollup: 'prev_spend_hourly',
  offsets: 'prev_offsets',
};

/**
 * The design before the 2026-11-24 tuning, for an A/B in the same run: a separate `event_ids` de-dup
 * table in front of the entries and the event stored as `jsonb`. Same batches as `dbOnlyEventsPerSec`.
 */
export async function previousDesignEventsPerSec(
  url: string,
  events: readonly RouteEvent[],
  chunk = 8_000,
): Promise<number> {
  const ds = createDataSource({ url });
  await ds.initialize();
  try {
    for (const name of Object.values(TABLES)) await ds.query(`DROP TABLE IF EXISTS ${name} CASCADE`);
    await ds.query(`CREATE TABLE ${TABLES.eventIds} (event_id uuid PRIMARY KEY)`);
    await ds.query(
      `CREATE TABLE ${TABLES.offsets} (partition integer PRIMARY KEY, next_offset bigint NOT NULL)`,
    );
    await ds.query(`CREATE TABLE ${TABLES.entries} (
       event_id uuid NOT NULL, request_id text NOT NULL, occurred_at timestamptz NOT NULL,
       type text NOT NULL, status integer NOT NULL,
       provider text NOT NULL, target text NOT NULL, "group" text NOT NULL, model text NOT NULL,
       team text NOT NULL, key_id text NOT NULL,
       input_tokens bigint NOT NULL, output_tokens bigint NOT NULL,
       cost_micro_usd bigint NOT NULL, priced_by text NOT NULL, event jsonb NOT NULL,
       PRIMARY KEY (event_id, occurred_at)) PARTITION BY RANGE (occurred_at)`);
    await ds.query(`CREATE TABLE ${TABLES.rollup} (
       hour timestamptz NOT NULL, provider text NOT NULL, target text NOT NULL, "group" text NOT NULL,
       model text NOT NULL, team text NOT NULL, key_id text NOT NULL,
       requests bigint NOT NULL, errors bigint NOT NULL, input_tokens bigint NOT NULL,
       output_tokens bigint NOT NULL, cost_micro_usd bigint NOT NULL,
       UNIQUE (hour, provider, target, "group", model, team, key_id))`);
    await ds.query(`INSERT INTO ${TABLES.offsets} VALUES (0, 0)`);
    const partitions = new MonthPartitions(ds, TABLES.entries);
    const began = Date.now();
    for (let i = 0; i < events.length; i += chunk) {
      const part = events.slice(i, i + chunk);
      await partitions.ensure(part.map((e) => e.occurred_at));
      await ds.transaction((em) => applyPrevious(em, part, i + part.length));
    }
    return events.length / ((Date.now() - began) / 1000);
  } finally {
    await ds.destroy();
  }
}

async function applyPrevious(em: EntityManager, events: readonly RouteEvent[], next: number): Promise<void> {
  await em.query('SET LOCAL synchronous_commit = off');
  await em.query(`SELECT next_offset FROM ${TABLES.offsets} WHERE partition = 0 FOR UPDATE`);
  const all = events.map(toEntryRow);
  const inserted = (await em.query(
    `INSERT INTO ${TABLES.eventIds} (event_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id::text`,
    [all.map((r) => r.eventId)],
  )) as { event_id: string }[];
  const fresh = new Set(inserted.map((r) => r.event_id));
  const rows = all.filter((r) => fresh.delete(r.eventId.toLowerCase()));
  const json = new Map(events.map((e) => [e.event_id, JSON.stringify(e)] as const));
  for (let from = 0; from < rows.length; from += ENTRIES_PER_STATEMENT) {
    const { tuples, params } = entryValues(rows.slice(from, from + ENTRIES_PER_STATEMENT), json);
    await em.query(
      `INSERT INTO ${TABLES.entries} ${ENTRY_COLUMN_LIST} VALUES ${tuples} ON CONFLICT DO NOTHING`,
      params,
    );
  }
  await upsertRollups(em, TABLES, rollup(rows));
  await em.query(`UPDATE ${TABLES.offsets} SET next_offset = $1 WHERE partition = 0`, [next]);
}
