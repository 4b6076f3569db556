import {
  readSpendKey,
  readSpendTotals,
  type SpendKeyRecord,
  type SpendTotalsRecord,
} from './spend-record.codec.js';
import type { SpendRow } from './spend.evolve.js';
import { readSpendFlags, type SpendFlagsRecord } from './spend.flags.js';

/** One `spend_hourly` row as `SPEND_ROW_COLUMNS` selects it. */
export interface SpendRowRecord extends SpendKeyRecord, SpendTotalsRecord, SpendFlagsRecord {}

/** The select list that reads a `spend_hourly` row as a `SpendRowRecord`: bigints as text, hour as ISO UTC. */
export const SPEND_ROW_COLUMNS = `to_char(hour AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS hour, provider,
            target, "group", model, team, key_id, requests::text, errors::text, input_tokens::text,
            output_tokens::text, cost_micro_usd::text, unpriced_requests::text, unpriced_tokens::text,
            estimated_requests::text, rejected_requests::text`;

/** A DataSource or a transaction's EntityManager (read inside a snapshot, with the checkpoints). */
export interface SpendRowsSource {
  query(sql: string): Promise<unknown>;
}

export function toSpendRow(r: SpendRowRecord): SpendRow {
  return { ...readSpendKey(r), ...readSpendTotals(r), ...readSpendFlags(r) };
}

/** Every row of `spend_hourly`, with bigints exact and hours as ISO UTC. */
export async function readSpendRows(ds: SpendRowsSource, table: string): Promise<SpendRow[]> {
  const rows = (await ds.query(`SELECT ${SPEND_ROW_COLUMNS} FROM ${table}`)) as SpendRowRecord[];
  return rows.map(toSpendRow);
}
