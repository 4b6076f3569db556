import { addTotals, EMPTY_TOTALS, type SpendTotals } from '@kt/spend';
import { ratioString } from '../shared/decimal.format.js';

export interface ProviderShare {
  readonly provider: string;
  readonly requests: string;
  readonly request_share: string;
  readonly tokens: string;
  readonly token_share: string;
  readonly cost_micro_usd: string;
  readonly cost_share: string;
}

/** Each provider's share of requests, tokens (input + output) and cost, 4 decimals, rounded half up. */
export function providerShares(
  rows: readonly { readonly provider: string; readonly counters: SpendTotals }[],
): ProviderShare[] {
  const total = rows.reduce((sum, row) => addTotals(sum, row.counters), EMPTY_TOTALS);
  const totalTokens = total.inputTokens + total.outputTokens;
  return rows.map(({ provider, counters }) => {
    const tokens = counters.inputTokens + counters.outputTokens;
    return {
      provider,
      requests: counters.requests.toString(),
      request_share: ratioString(counters.requests, total.requests),
      tokens: tokens.toString(),
      token_share: ratioString(tokens, totalTokens),
      cost_micro_usd: counters.costMicroUsd.toString(),
      cost_share: ratioString(counters.costMicroUsd, total.costMicroUsd),
    };
  });
}
