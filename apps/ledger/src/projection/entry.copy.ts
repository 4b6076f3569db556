import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from '@kt/persistence';
import type { LedgerEntryRow } from '@kt/spend';
import { ENTRY_COLUMN_LIST } from './entry.values.js';

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A field of COPY's text format: backslash, tab and line breaks escaped (the fast path skips clean text). */
export function copyField(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c) : text;
}

/** One line of `COPY … (ENTRY_COLUMN_LIST) FROM STDIN`: the row's columns, then the event JSON as received. */
export function entryCopyLine(r: LedgerEntryRow, json: string): string {
  return `${[
    copyField(r.eventId),
    copyField(r.requestId),
    copyField(r.occurredAt),
    copyField(r.type),
    String(r.status),
    copyField(r.provider),
    copyField(r.target),
    copyField(r.group),
    copyField(r.model),
    copyField(r.team),
    copyField(r.keyId),
    String(r.inputTokens),
    String(r.outputTokens),
    r.costMicroUsd.toString(),
    copyField(r.pricedBy),
    copyField(json),
  ].join('\t')}\n`;
}

const LINES_PER_CHUNK = 1_000;

/**
 * Streams entry rows into `table` with COPY, in the caller's transaction: one round trip and no bind
 * parameters to parse, several times cheaper per row than a multi-row INSERT on both sides.
 */
export async function copyEntries(
  em: EntityManager,
  table: string,
  rows: readonly LedgerEntryRow[],
  json: (row: LedgerEntryRow, index: number) => string,
): Promise<void> {
  if (rows.length === 0) return;
  const runner = em.queryRunner;
  if (!runner) throw new Error('copyEntries needs a transaction (an entity manager with a query runner)');
  const client = (await runner.connect()) as pg.PoolClient;
  const stream = client.query(copyFrom(`COPY ${table} ${ENTRY_COLUMN_LIST} FROM STDIN`));
  await pipeline(Readable.from(chunks(rows, json)), stream);
}

function* chunks(
  rows: readonly LedgerEntryRow[],
  json: (row: LedgerEntryRow, index: number) => string,
): Generator<string> {
  for (let from = 0; from < rows.length; from += LINES_PER_CHUNK) {
    let text = '';
    const to = Math.min(rows.length, from + LINES_PER_CHUNK);
    for (let i = from; i < to; i += 1) {
      const row = rows[i];
      if (row) text += entryCopyLine(row, json(row, i));
    }
    yield text;
  }
}
