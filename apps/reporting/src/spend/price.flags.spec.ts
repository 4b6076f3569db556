import { describe, expect, it } from 'vitest';
import { indexFlags, isRejectedRow, NO_FLAGS, priceFlagsRecord } from './price.flags.js';

const record = (bucket: string, key: string, unpriced: string, tokens: string, rejected = '0') => ({
  bucket,
  key,
  unpriced_requests: unpriced,
  unpriced_tokens: tokens,
  estimated_requests: '1',
  rejected_requests: rejected,
});

describe('price flags', () => {
  it('joins flag rows onto rollup rows by bucket and key, none where no row matched', () => {
    const flagsOf = indexFlags([
      record('2026-12-01', 'azure', '184', '4031'),
      record('2026-12-02', '', '0', '0', '3'),
    ]);
    expect(priceFlagsRecord(flagsOf('2026-12-01', 'azure'))).toEqual({
      unpriced_requests: '184',
      unpriced_tokens: '4031',
      estimated_requests: '1',
    });
    expect(flagsOf('2026-12-02', 'azure')).toBe(NO_FLAGS);
    expect(flagsOf('2026-12-02', '').rejectedRequests).toBe(3n);
  });

  it('labels as rejected only a provider/target row with no key whose requests were all rejected', () => {
    const flags = { ...NO_FLAGS, rejectedRequests: 3n };
    expect(isRejectedRow('provider', '', 3n, flags)).toBe(true);
    expect(isRejectedRow('target', '', 3n, flags)).toBe(true);
    expect(isRejectedRow('provider', '', 4n, flags)).toBe(false);
    expect(isRejectedRow('provider', 'openai', 3n, flags)).toBe(false);
    expect(isRejectedRow('team', '', 3n, flags)).toBe(false);
    expect(isRejectedRow('provider', '', 0n, NO_FLAGS)).toBe(false);
  });
});
