import type { LedgerEntryRow } from '@kt/spend';

const ENTRY_COLUMNS = 16;
// Postgres allows 65,535 bind parameters per statement.
export const ENTRIES_PER_STATEMENT = Math.floor(65_535 / ENTRY_COLUMNS);

export const ENTRY_COLUMN_LIST = `(event_id, request_id, occurred_at, type, status, provider, target, "group",
  model, team, key_id, input_tokens, output_tokens, cost_micro_usd, priced_by, event)`;

/**
 * The VALUES list of a multi-row entries INSERT, one parameter per field (in `ENTRY_COLUMN_LIST`
 * order): about four times faster than unnest() here, because Postgres does not have to parse the
 * event JSON out of an array literal. At most `ENTRIES_PER_STATEMENT` rows per call.
 */
export function entryValues(
  rows: readonly LedgerEntryRow[],
  json: ReadonlyMap<string | undefined, string | undefined>,
): { readonly tuples: string; readonly params: readonly string[] } {
  const params: string[] = [];
  const tuples = rows.map((r) => {
    const at = params.length;
    params.push(
      r.eventId,
      r.requestId,
      r.occurredAt,
      r.type,
      String(r.status),
      r.provider,
      r.target,
      r.group,
      r.model,
      r.team,
      r.keyId,
      String(r.inputTokens),
      String(r.outputTokens),
      r.costMicroUsd.toString(),
      r.pricedBy,
      json.get(r.eventId) ?? '{}',
    );
    return `(${Array.from({ length: ENTRY_COLUMNS }, (_, k) => `$${at + k + 1}`).join(', ')})`;
  });
  return { tuples: tuples.join(', '), params };
}
