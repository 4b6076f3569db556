import { describe, expect, it } from 'vitest';
import { NO_FLAGS } from '@kt/spend';
import { isRejectedRow, priceFlagsRecord } from './price.flags.js';

describe('price flags', () => {
  it('puts the unpriced and estimated counts on the wire as decimal strings', () => {
    const flags = { ...NO_FLAGS, unpricedRequests: 184n, unpricedTokens: 4031n, estimatedRequests: 1n };
    expect(priceFlagsRecord(flags)).toEqual({
      unpriced_requests: '184',
      unpriced_tokens: '4031',
      estimated_requests: '1',
    });
  });

  it('labels as rejected a provider/target row with no key that holds rejections', () => {
    const flags = { ...NO_FLAGS, rejectedRequests: 3n };
    expect(isRejectedRow('provider', '', flags)).toBe(true);
    expect(isRejectedRow('target', '', flags)).toBe(true);
    expect(isRejectedRow('provider', 'openai', flags)).toBe(false);
    expect(isRejectedRow('team', '', flags)).toBe(false);
    // No provider, no rejection (a client gone before any attempt): not rejected.
    expect(isRejectedRow('provider', '', NO_FLAGS)).toBe(false);
  });
});
