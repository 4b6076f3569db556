import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupCostText, priceNote, thousands } from './unpriced.format.js';

describe('unpriced formatting', () => {
  it('separates thousands exactly at any size', () => {
    expect(['0', '999', '4031', '1000000', '9007199254740993'].map(thousands)).toEqual([
      '0',
      '999',
      '4,031',
      '1,000,000',
      '9,007,199,254,740,993',
    ]);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), (n) => {
        expect(thousands(n.toString()).replaceAll(',', '')).toBe(n.toString());
      }),
    );
  });

  it('never shows an unpriced group as $0', () => {
    expect(groupCostText({ cost_micro_usd: '0', unpriced_requests: '184' })).toBe('unpriced');
    expect(groupCostText({ cost_micro_usd: '1250', unpriced_requests: '184' })).toBe('0.001250');
    expect(groupCostText({ cost_micro_usd: '0', unpriced_requests: '0' })).toBe('0.000000');
    expect(groupCostText({ cost_micro_usd: '0' })).toBe('0.000000');
  });

  it('says how much was unpriced and estimated, nothing when all was priced', () => {
    expect(priceNote({ cost_micro_usd: '0', unpriced_requests: '184', unpriced_tokens: '4031' })).toBe(
      'unpriced: 184 requests, 4,031 tokens',
    );
    expect(
      priceNote({
        cost_micro_usd: '0',
        unpriced_requests: '1',
        unpriced_tokens: '1',
        estimated_requests: '2',
      }),
    ).toBe('unpriced: 1 request, 1 token; estimated: 2 requests');
    expect(priceNote({ cost_micro_usd: '5', unpriced_requests: '0', estimated_requests: '0' })).toBe('');
  });
});
