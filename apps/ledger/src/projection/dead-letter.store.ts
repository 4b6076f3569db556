import { createHash } from 'node:crypto';
import type { EntityManager } from '@kt/persistence';

/**
 * Records PostgreSQL refused (not the ones the decoder refused: those fail the same way on every
 * read, so a replay recognises them by itself). Not one of the tables a rebuild swaps: a rebuild
 * must leave out what the live projection left out. Each row carries a hash of the record's value,
 * so a row about an offset of an older log (a recreated topic) never hides a record of the new one.
 */
export const DEAD_LETTERS_TABLE = 'ledger_dead_letters';

export interface RefusedRecord {
  readonly consumer: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly value: Buffer | null;
  readonly reason: string;
}

export function valueSha256(value: Buffer | null): string {
  return createHash('sha256')
    .update(value ?? Buffer.alloc(0))
    .digest('hex');
}

/** In the transaction that moves the checkpoint past the record. */
export async function recordRefused(em: EntityManager, r: RefusedRecord): Promise<void> {
  await em.query(
    `INSERT INTO ${DEAD_LETTERS_TABLE} (consumer, topic, partition, "offset", value_sha256, reason)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [r.consumer, r.topic, r.partition, r.offset, valueSha256(r.value), r.reason],
  );
}

/** `partition:offset` → value hash of every refused record of `topic`. */
export async function readRefused(
  em: EntityManager,
  consumer: string,
  topic: string,
): Promise<Map<string, string>> {
  const rows = (await em.query(
    `SELECT partition, "offset"::text AS "offset", value_sha256 AS sha FROM ${DEAD_LETTERS_TABLE}
      WHERE consumer = $1 AND topic = $2`,
    [consumer, topic],
  )) as { partition: number; offset: string; sha: string }[];
  return new Map(rows.map((r) => [`${r.partition}:${r.offset}`, r.sha]));
}

/**
 * Splits a replayed partition's records into those to project and those the live projection
 * refused (same offset, same bytes): the latter are left out and counted.
 */
export function withoutRefused<T extends { readonly offset: string; readonly value: Buffer | null }>(
  refused: ReadonlyMap<string, string>,
  partition: number,
  records: readonly T[],
): { readonly kept: T[]; readonly refused: T[] } {
  const kept: T[] = [];
  const dropped: T[] = [];
  for (const r of records) {
    const sha = refused.get(`${partition}:${r.offset}`);
    if (sha !== undefined && sha === valueSha256(r.value)) dropped.push(r);
    else kept.push(r);
  }
  return { kept, refused: dropped };
}

/** After a rebuild replayed the log: forget rows that describe records no longer there. */
export async function forgetStaleRefused(
  em: EntityManager,
  consumer: string,
  topic: string,
  matched: ReadonlySet<string>,
): Promise<void> {
  const keys = [...matched];
  await em.query(
    `DELETE FROM ${DEAD_LETTERS_TABLE} WHERE consumer = $1 AND topic = $2
        AND NOT (partition::text || ':' || "offset"::text = ANY ($3::text[]))`,
    [consumer, topic, keys],
  );
}
