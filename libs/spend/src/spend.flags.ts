import { isUnpricedUse } from './spend.labels.js';

/**
 * How a rollup row's requests were priced: counted beside the spend counters in `spend_hourly`, by
 * the same statement that adds the spend, so reports never scan `ledger_entries` for them.
 */
export interface SpendFlags {
  /** Requests whose overall `priced_by` is `unpriced` and that used tokens. */
  readonly unpricedRequests: bigint;
  /** All input + output tokens of those requests (a request counts whole, whatever its attempts). */
  readonly unpricedTokens: bigint;
  /** Requests priced from kt's own token count (`priced_by = 'estimate'`). */
  readonly estimatedRequests: bigint;
  /** Requests the gateway refused (`type = 'route.rejected'`): no provider was tried. */
  readonly rejectedRequests: bigint;
}

export const NO_FLAGS: SpendFlags = {
  unpricedRequests: 0n,
  unpricedTokens: 0n,
  estimatedRequests: 0n,
  rejectedRequests: 0n,
};

/**
 * The one definition of an unpriced request, over `ledger_entries` columns: a rejection or a failure
 * that used no tokens is stamped `unpriced` too, but has nothing to price.
 */
export const UNPRICED_ENTRY_SQL = `priced_by = 'unpriced' AND input_tokens + output_tokens > 0`;

/** The flag columns of `spend_hourly`, in table order. */
export const FLAG_COLUMNS = [
  'unpriced_requests',
  'unpriced_tokens',
  'estimated_requests',
  'rejected_requests',
] as const;

/** The four flags of a group of `ledger_entries` rows (aliased as the rollup's columns). */
export const ENTRY_FLAG_SUMS_SQL = `count(*) FILTER (WHERE ${UNPRICED_ENTRY_SQL})::bigint AS unpriced_requests,
  COALESCE(sum(input_tokens + output_tokens) FILTER (WHERE ${UNPRICED_ENTRY_SQL}), 0)::bigint AS unpriced_tokens,
  count(*) FILTER (WHERE priced_by = 'estimate')::bigint AS estimated_requests,
  count(*) FILTER (WHERE type = 'route.rejected')::bigint AS rejected_requests`;

/** The four flags summed over `spend_hourly` rows, as text (exact), named as the columns. */
export const ROLLUP_FLAG_SUMS_SQL = FLAG_COLUMNS.map((c) => `COALESCE(SUM(${c}), 0)::text AS ${c}`).join(
  ', ',
);

/** DDL adding the flag columns to a rollup table (the migration and a rebuild's fresh tables). */
export function addFlagColumnsSql(rollup: string): string {
  return `ALTER TABLE ${rollup} ${FLAG_COLUMNS.map(
    (c) => `ADD COLUMN IF NOT EXISTS ${c} bigint NOT NULL DEFAULT 0`,
  ).join(', ')}`;
}

/** The flags of one entry, in the terms of `UNPRICED_ENTRY_SQL` (the rebuild folds with this). */
export function flagsOfEntry(row: {
  readonly type: string;
  readonly pricedBy: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
}): SpendFlags {
  const tokens = BigInt(row.inputTokens) + BigInt(row.outputTokens);
  const unpriced = isUnpricedUse(row.pricedBy, row.inputTokens, row.outputTokens);
  return {
    unpricedRequests: unpriced ? 1n : 0n,
    unpricedTokens: unpriced ? tokens : 0n,
    estimatedRequests: row.pricedBy === 'estimate' ? 1n : 0n,
    rejectedRequests: row.type === 'route.rejected' ? 1n : 0n,
  };
}

export function addFlags(a: SpendFlags, b: SpendFlags): SpendFlags {
  return {
    unpricedRequests: a.unpricedRequests + b.unpricedRequests,
    unpricedTokens: a.unpricedTokens + b.unpricedTokens,
    estimatedRequests: a.estimatedRequests + b.estimatedRequests,
    rejectedRequests: a.rejectedRequests + b.rejectedRequests,
  };
}

/** The flags as SQL returns them cast to text. */
export interface SpendFlagsRecord {
  readonly unpriced_requests: string;
  readonly unpriced_tokens: string;
  readonly estimated_requests: string;
  readonly rejected_requests: string;
}

export function readSpendFlags(r: SpendFlagsRecord): SpendFlags {
  return {
    unpricedRequests: BigInt(r.unpriced_requests),
    unpricedTokens: BigInt(r.unpriced_tokens),
    estimatedRequests: BigInt(r.estimated_requests),
    rejectedRequests: BigInt(r.rejected_requests),
  };
}
