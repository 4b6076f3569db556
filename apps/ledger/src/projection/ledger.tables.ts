/** Names of one set of projection tables: the live set, or the one a rebuild fills before the swap. */
export interface LedgerTables {
  readonly entries: string;
  readonly eventIds: string;
  readonly rollup: string;
  readonly offsets: string;
}

export const LIVE_TABLES: LedgerTables = {
  entries: 'ledger_entries',
  eventIds: 'ledger_event_ids',
  rollup: 'spend_hourly',
  offsets: 'ledger_offsets',
};

export const REBUILD_TABLES: LedgerTables = {
  entries: 'ledger_entries_rebuild',
  eventIds: 'ledger_event_ids_rebuild',
  rollup: 'spend_hourly_rebuild',
  offsets: 'ledger_offsets_rebuild',
};

/** The name of the monthly partition of `entries` holding `monthStart` (`2025-03-01T…`). */
export function partitionName(entries: string, monthStart: string): string {
  return `${entries}_p${monthStart.slice(0, 4)}${monthStart.slice(5, 7)}`;
}

/** `[from, to)` of the UTC month containing an ISO timestamp, both ISO. */
export function monthRange(occurredAt: string): readonly [string, string] {
  const d = new Date(occurredAt);
  const from = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  const to = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  return [from.toISOString(), to.toISOString()];
}

/** DDL of one table set; identical for the migration and for a rebuild's fresh tables. */
export function createTablesSql(t: LedgerTables): string[] {
  return [
    `CREATE TABLE ${t.offsets} (
       consumer text NOT NULL, topic text NOT NULL, partition integer NOT NULL,
       next_offset bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (consumer, topic, partition))`,
    `CREATE TABLE ${t.eventIds} (event_id uuid PRIMARY KEY)`,
    `CREATE TABLE ${t.entries} (
       event_id uuid NOT NULL, request_id text NOT NULL, occurred_at timestamptz NOT NULL,
       type text NOT NULL, status integer NOT NULL,
       provider text NOT NULL, target text NOT NULL, "group" text NOT NULL, model text NOT NULL,
       team text NOT NULL, key_id text NOT NULL,
       input_tokens bigint NOT NULL, output_tokens bigint NOT NULL,
       cost_micro_usd bigint NOT NULL, priced_by text NOT NULL, event jsonb NOT NULL,
       PRIMARY KEY (event_id, occurred_at)
     ) PARTITION BY RANGE (occurred_at)`,
    `CREATE TABLE ${t.rollup} (
       hour timestamptz NOT NULL, provider text NOT NULL, target text NOT NULL, "group" text NOT NULL,
       model text NOT NULL, team text NOT NULL, key_id text NOT NULL,
       requests bigint NOT NULL, errors bigint NOT NULL, input_tokens bigint NOT NULL,
       output_tokens bigint NOT NULL, cost_micro_usd bigint NOT NULL,
       CONSTRAINT ${t.rollup}_dims UNIQUE (hour, provider, target, "group", model, team, key_id))`,
  ];
}

export function dropTablesSql(t: LedgerTables): string[] {
  return [t.offsets, t.eventIds, t.entries, t.rollup].map((name) => `DROP TABLE IF EXISTS ${name} CASCADE`);
}
