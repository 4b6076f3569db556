import type { SpendFlags } from '@kt/spend';
import type { Dimension } from '../shared/dimension.sql.js';

/** The flags on the wire: decimal strings beside the spend counters (rejections show as `rejected`). */
export interface PriceFlagsRecord {
  readonly unpriced_requests: string;
  readonly unpriced_tokens: string;
  readonly estimated_requests: string;
}

export function priceFlagsRecord(flags: SpendFlags): PriceFlagsRecord {
  return {
    unpriced_requests: flags.unpricedRequests.toString(),
    unpriced_tokens: flags.unpricedTokens.toString(),
    estimated_requests: flags.estimatedRequests.toString(),
  };
}

/**
 * A row keyed by no provider (or target) that holds requests the gateway refused, which never
 * reached one. The same row can also hold failures that never made an attempt (a client gone
 * first); with no rejection in it, it is not labelled rejected (readers call it "(no provider)").
 * Other dimensions (model, team…) keep their value.
 */
export function isRejectedRow(by: Dimension, key: string, flags: SpendFlags): boolean {
  return (by === 'provider' || by === 'target') && key === '' && flags.rejectedRequests > 0n;
}
