import type { SpendRow } from './spend.evolve.js';

interface RollupRecord {
  hour: string;
  provider: string;
  target: string;
  group: string;
  model: string;
  team: string;
  key_id: string;
  requests: string;
  errors: string;
  input_tokens: string;
  output_tokens: string;
  cost_micro_usd: string;
}

/** A DataSource or a transaction's EntityManager (read inside a snapshot, with the checkpoints). */
export interface SpendRowsSource {
  query(sql: string): Promise<unknown>;
}

/** Every row of `spend_hourly`, with bigints exact and hours as ISO UTC. */
export async function readSpendRows(ds: SpendRowsSource, table: string): Promise<SpendRow[]> {
  const rows = (await ds.query(
    `SELECT to_char(hour AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS hour, provider, target,
            "group", model, team, key_id, requests::text, errors::text, input_tokens::text,
            output_tokens::text, cost_micro_usd::text
       FROM ${table}`,
  )) as RollupRecord[];
  return rows.map((r) => ({
    hour: r.hour,
    provider: r.provider,
    target: r.target,
    group: r.group,
    model: r.model,
    team: r.team,
    keyId: r.key_id,
    requests: BigInt(r.requests),
    errors: BigInt(r.errors),
    inputTokens: BigInt(r.input_tokens),
    outputTokens: BigInt(r.output_tokens),
    costMicroUsd: BigInt(r.cost_micro_usd),
  }));
}
