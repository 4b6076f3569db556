/** Names of one set of projection tables: the live set, or the one a rebuild fills before the swap. */
export interface LedgerTables {
  readonly entries: string;
  readonly rollup: string;
  readonly offsets: string;
}

export const LIVE_TABLES: LedgerTables = {
  entries: 'ledger_entries',
  rollup: 'spend_hourly',
  offsets: 'ledger_offsets',
};

export const REBUILD_TABLES: LedgerTables = {
  entries: 'ledger_entries_rebuild',
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

/**
 * DDL of one table set; identical for the migration and for a rebuild's fresh tables. The event is
 * `json` (validated text), not `jsonb`: nothing queries inside it, and decomposing it on every insert is wasted work.
 */
export function createTablesSql(t: LedgerTables, opts: { readonly entriesKey?: boolean } = {}): string[] {
  // A rebuild bulk-loads entries without their key (de-duplicated in memory) and adds it afterwards.
  const key = opts.entriesKey === false ? '' : ',\n       PRIMARY KEY (event_id, occurred_at)';
  return [
    `CREATE TABLE ${t.offsets} (
       consumer text NOT NULL, topic text NOT NULL, partition integer NOT NULL,
       next_offset bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (consumer, topic, partition))`,
    `CREATE TABLE ${t.entries} (
       event_id uuid NOT NULL, request_id text NOT NULL, occurred_at timestamptz NOT NULL,
       type text NOT NULL, status integer NOT NULL,
       provider text NOT NULL, target text NOT NULL, "group" text NOT NULL, model text NOT NULL,
       team text NOT NULL, key_id text NOT NULL,
       input_tokens bigint NOT NULL, output_tokens bigint NOT NULL,
       cost_micro_usd bigint NOT NULL, priced_by text NOT NULL, event json NOT NULL${key}
     ) PARTITION BY RANGE (occurred_at)`,
    `CREATE TABLE ${t.rollup} (
       hour timestamptz NOT NULL, provider text NOT NULL, target text NOT NULL, "group" text NOT NULL,
       model text NOT NULL, team text NOT NULL, key_id text NOT NULL,
       requests bigint NOT NULL, errors bigint NOT NULL, input_tokens bigint NOT NULL,
       output_tokens bigint NOT NULL, cost_micro_usd bigint NOT NULL,
       CONSTRAINT ${t.rollup}_dims UNIQUE (hour, provider, target, "group", model, team, key_id))`,
  ];
}

/** The entries' key, named as the inline one would be, for a table created without it. */
export function entriesKeySql(t: LedgerTables): string {
  return `ALTER TABLE ${t.entries} ADD CONSTRAINT ${t.entries}_pkey PRIMARY KEY (event_id, occurred_at)`;
}

export function dropTablesSql(t: LedgerTables): string[] {
  return [t.offsets, t.entries, t.rollup].map((name) => `DROP TABLE IF EXISTS ${name} CASCADE`);
}
