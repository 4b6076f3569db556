import { REJECTED_LABEL, UNPRICED_ENTRY_SQL } from '@kt/spend';

/** A request the gateway refused reached no provider or target: named so, never a blank cell. */
const orRejected = (column: string): string =>
  `CASE WHEN type = 'route.rejected' AND ${column} = '' THEN '${REJECTED_LABEL}' ELSE ${column} END`;

/**
 * The export's columns, in order: the SQL that computes each from `ledger_entries` and its meaning
 * (docs/reporting.md lists the same table). Money is integer micro-USD plus a 6-decimal USD string.
 */
export const EXPORT_COLUMNS = [
  ['event_id', 'event_id::text', 'Route event id (UUID).'],
  ['request_id', 'request_id', 'Request id given to the client.'],
  [
    'occurred_at',
    `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    'RFC 3339 UTC.',
  ],
  ['type', 'type', 'route.completed, route.failed or route.rejected.'],
  ['status', 'status', 'HTTP status given to the client.'],
  ['endpoint', `event->>'endpoint'`, 'chat.completions, embeddings or messages.'],
  [
    'provider',
    orRejected('provider'),
    'Provider that served (or was last tried); (rejected) for a request the gateway refused.',
  ],
  [
    'target',
    orRejected('target'),
    'Target that served (or was last tried); (rejected) for a request the gateway refused.',
  ],
  ['group', '"group"', 'Model group; empty if none.'],
  ['requested_model', `event->>'requested_model'`, 'Model the client asked for.'],
  ['model', 'model', 'Upstream model that served (or the requested one).'],
  ['team', 'team', 'Team of the API key; empty if none.'],
  ['key_id', 'key_id', 'API key id (never the key); empty if none.'],
  ['input_tokens', 'input_tokens', 'Input tokens billed.'],
  ['output_tokens', 'output_tokens', 'Output tokens billed.'],
  ['cost_micro_usd', 'cost_micro_usd', 'Cost in integer micro-USD.'],
  [
    'cost_usd',
    `CASE WHEN ${UNPRICED_ENTRY_SQL} THEN 'unpriced'
      ELSE to_char(cost_micro_usd / 1000000.0, 'FM999999999990.000000') END`,
    'Cost in USD, 6 decimals; unpriced when tokens were used that no price covered (never 0.000000).',
  ],
  ['priced_by', 'priced_by', 'provider, pack, catalog, estimate (kt counted the tokens) or unpriced.'],
  ['attempts', `json_array_length(event->'attempts')`, 'Upstream attempts made.'],
  [
    'fallback',
    `json_array_length(event->'attempts') > 1`,
    'true when more than one upstream attempt was made (retry or fallback).',
  ],
  ['error_code', `COALESCE(event->>'error_code', '')`, 'Error code given to the client; empty on success.'],
  ['duration_ms', `event->>'duration_ms'`, 'Request duration in milliseconds.'],
] as const;

export const EXPORT_HEADER: readonly string[] = EXPORT_COLUMNS.map(([name]) => name);

/** SELECT list producing one array per row, columns in EXPORT_COLUMNS order (as text where exactness matters). */
export const EXPORT_SELECT = EXPORT_COLUMNS.map(([name, sql]) => `(${sql})::text AS "${name}"`).join(', ');
