import type { EntityManager } from '@kt/persistence';
import { addFlagColumnsSql, createTablesSql, dropTablesSql, type LedgerTables } from '@kt/spend';

/** Drops and recreates the tables a rebuild fills (the entries without their key: see `finishLoad`). */
export async function freshTables(
  em: EntityManager,
  t: LedgerTables,
  opts: { readonly entriesKey?: boolean } = {},
): Promise<void> {
  for (const sql of [...dropTablesSql(t), ...createTablesSql(t, opts)]) await em.query(sql);
  // The live checkpoints carry the topic id they were taken on (migration 1764000000004): so do these.
  await em.query(`ALTER TABLE ${t.offsets} ADD COLUMN IF NOT EXISTS topic_id text`);
  // And the rollup counts how its requests were priced (migration 1764000000006).
  await em.query(addFlagColumnsSql(t.rollup));
}

/**
 * In the caller's transaction: locks and drops the live tables, renames the rebuilt ones (their
 * partitions and constraints too) to the live names, so readers see the old or the new set, never a mix.
 */
export async function swapTables(
  em: EntityManager,
  rebuilt: LedgerTables,
  live: LedgerTables,
): Promise<void> {
  const pairs = (Object.keys(live) as (keyof LedgerTables)[]).map((k) => [rebuilt[k], live[k]] as const);
  await em.query(`LOCK TABLE ${pairs.map(([, l]) => l).join(', ')} IN ACCESS EXCLUSIVE MODE`);
  for (const sql of dropTablesSql(live)) await em.query(sql);
  const children = (await em.query(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = $1::regclass`,
    [rebuilt.entries],
  )) as { name: string }[];
  for (const { name } of children) {
    await em.query(`ALTER TABLE ${name} RENAME TO ${name.replace(rebuilt.entries, live.entries)}`);
  }
  for (const [from, to] of pairs) await em.query(`ALTER TABLE ${from} RENAME TO ${to}`);
  const constraints = (await em.query(
    `SELECT conrelid::regclass::text AS tbl, conname FROM pg_constraint
      WHERE contype IN ('p', 'u') AND conname LIKE ANY ($1::text[])`,
    [pairs.map(([r]) => `${r}%`)],
  )) as { tbl: string; conname: string }[];
  for (const { tbl, conname } of constraints) {
    const renamed = pairs.reduce(
      (name, [r, l]) => (name.startsWith(r) ? l + name.slice(r.length) : name),
      conname,
    );
    await em.query(`ALTER TABLE ${tbl} RENAME CONSTRAINT ${conname} TO ${renamed}`);
  }
}
