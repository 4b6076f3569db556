import { addTotals, EMPTY_TOTALS, NO_FLAGS, type SpendFlags, type SpendTotals } from '@kt/spend';
import { ratioString } from '../shared/decimal.format.js';
import { isRejectedRow, priceFlagsRecord, type PriceFlagsRecord } from './price.flags.js';

export interface ProviderShare extends PriceFlagsRecord {
  readonly provider: string;
  /** True for the requests the gateway refused before any provider (`provider` stays ''). */
  readonly rejected: boolean;
  readonly requests: string;
  readonly request_share: string;
  readonly tokens: string;
  readonly token_share: string;
  readonly cost_micro_usd: string;
  /** Share of the priced cost: an all-unpriced provider has 0 here, and `unpriced_requests` says why. */
  readonly cost_share: string;
}

/** Each provider's share of requests, tokens (input + output) and cost, 4 decimals, rounded half up. */
export function providerShares(
  rows: readonly {
    readonly provider: string;
    readonly counters: SpendTotals;
    readonly flags?: SpendFlags;
  }[],
): ProviderShare[] {
  const total = rows.reduce((sum, row) => addTotals(sum, row.counters), EMPTY_TOTALS);
  const totalTokens = total.inputTokens + total.outputTokens;
  return rows.map(({ provider, counters, flags = NO_FLAGS }) => {
    const tokens = counters.inputTokens + counters.outputTokens;
    return {
      provider,
      rejected: isRejectedRow('provider', provider, flags),
      requests: counters.requests.toString(),
      request_share: ratioString(counters.requests, total.requests),
      tokens: tokens.toString(),
      token_share: ratioString(tokens, totalTokens),
      cost_micro_usd: counters.costMicroUsd.toString(),
      cost_share: ratioString(counters.costMicroUsd, total.costMicroUsd),
      ...priceFlagsRecord(flags),
    };
  });
}
