import { describe, expect, it } from 'vitest';
import { EMPTY_TOTALS, type SpendTotals } from '@kt/spend';
import { providerShares } from './spend.report.js';

const counters = (requests: bigint, tokens: bigint, cost: bigint): SpendTotals => ({
  ...EMPTY_TOTALS,
  requests,
  inputTokens: tokens,
  costMicroUsd: cost,
});

describe('providerShares', () => {
  it('gives each provider its share of requests, tokens and cost', () => {
    const shares = providerShares([
      { provider: 'anthropic', counters: counters(1n, 100n, 0n) },
      { provider: 'openai', counters: counters(2n, 300n, 0n) },
    ]);
    expect(shares.map((s) => [s.provider, s.request_share, s.token_share, s.cost_share])).toEqual([
      ['anthropic', '0.3333', '0.2500', '0.0000'],
      ['openai', '0.6667', '0.7500', '0.0000'],
    ]);
  });

  it('answers no rows for no spend', () => {
    expect(providerShares([])).toEqual([]);
  });
});
