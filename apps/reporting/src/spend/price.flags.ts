import type { Dimension } from '../shared/dimension.sql.js';

/** How much of a group could not be priced, was estimated, or was refused by the gateway. */
export interface PriceFlags {
  readonly unpricedRequests: bigint;
  readonly unpricedTokens: bigint;
  readonly estimatedRequests: bigint;
  readonly rejectedRequests: bigint;
}

/** The flags on the wire: decimal strings beside the spend counters. */
export interface PriceFlagsRecord {
  readonly unpriced_requests: string;
  readonly unpriced_tokens: string;
  readonly estimated_requests: string;
}

/** One row of `flagsByBucketSql` / `flagsByProviderSql`. */
export interface FlagsSqlRecord extends PriceFlagsRecord {
  readonly bucket: string;
  readonly key: string;
  readonly rejected_requests: string;
}

export const NO_FLAGS: PriceFlags = {
  unpricedRequests: 0n,
  unpricedTokens: 0n,
  estimatedRequests: 0n,
  rejectedRequests: 0n,
};

const slot = (bucket: string, key: string): string => JSON.stringify([bucket, key]);

/** The flag rows by bucket and key, for joining onto the rollup's rows (a missing slot has no flags). */
export function indexFlags(records: readonly FlagsSqlRecord[]): (bucket: string, key: string) => PriceFlags {
  const index = new Map(
    records.map((r) => [
      slot(r.bucket, r.key),
      {
        unpricedRequests: BigInt(r.unpriced_requests),
        unpricedTokens: BigInt(r.unpriced_tokens),
        estimatedRequests: BigInt(r.estimated_requests),
        rejectedRequests: BigInt(r.rejected_requests),
      },
    ]),
  );
  return (bucket, key) => index.get(slot(bucket, key)) ?? NO_FLAGS;
}

export function addFlags(a: PriceFlags, b: PriceFlags): PriceFlags {
  return {
    unpricedRequests: a.unpricedRequests + b.unpricedRequests,
    unpricedTokens: a.unpricedTokens + b.unpricedTokens,
    estimatedRequests: a.estimatedRequests + b.estimatedRequests,
    rejectedRequests: a.rejectedRequests + b.rejectedRequests,
  };
}

export function priceFlagsRecord(flags: PriceFlags): PriceFlagsRecord {
  return {
    unpriced_requests: flags.unpricedRequests.toString(),
    unpriced_tokens: flags.unpricedTokens.toString(),
    estimated_requests: flags.estimatedRequests.toString(),
  };
}

/**
 * A row keyed by no provider (or target) whose requests were all refused by the gateway: the
 * rejected requests, which never reached one. Other dimensions (model, team…) keep their value.
 */
export function isRejectedRow(by: Dimension, key: string, requests: bigint, flags: PriceFlags): boolean {
  return (
    (by === 'provider' || by === 'target') &&
    key === '' &&
    requests > 0n &&
    flags.rejectedRequests === requests
  );
}
