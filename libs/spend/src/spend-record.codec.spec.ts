import { describe, expect, it } from 'vitest';
import { toSpendRow } from './spend-rows.reader.js';
import { readSpendKey, readSpendTotals, spendKeyRecord, spendTotalsRecord } from './spend-record.codec.js';

const record = {
  requests: '3',
  errors: '1',
  input_tokens: '120',
  output_tokens: '45',
  cost_micro_usd: '9007199254740993',
};

describe('spend totals codec', () => {
  it('reads text counters as exact bigints, past the float range', () => {
    expect(readSpendTotals(record)).toEqual({
      requests: 3n,
      errors: 1n,
      inputTokens: 120n,
      outputTokens: 45n,
      costMicroUsd: 9_007_199_254_740_993n,
    });
  });

  it('writes totals back as the same decimal strings', () => {
    expect(spendTotalsRecord(readSpendTotals(record))).toEqual(record);
  });

  it('maps a spend_hourly record to a row with camel-cased dimensions', () => {
    const dims = {
      hour: '2026-11-24T10:00:00.000Z',
      provider: 'openai',
      target: 't',
      group: 'g',
      model: 'm',
    };
    const flags = {
      unpriced_requests: '2',
      unpriced_tokens: '9007199254740993',
      estimated_requests: '1',
      rejected_requests: '4',
    };
    expect(toSpendRow({ ...dims, team: 'a', key_id: 'k', ...record, ...flags })).toEqual({
      ...dims,
      team: 'a',
      keyId: 'k',
      ...readSpendTotals(record),
      unpricedRequests: 2n,
      unpricedTokens: 9_007_199_254_740_993n,
      estimatedRequests: 1n,
      rejectedRequests: 4n,
    });
  });

  it('writes a key back as the record it was read from', () => {
    const key = {
      hour: '2026-11-24T10:00:00.000Z',
      provider: 'openai',
      target: 't',
      group: '',
      model: 'm',
      team: 'a',
      key_id: 'k',
    };
    expect(readSpendKey(key).keyId).toBe('k');
    expect(spendKeyRecord(readSpendKey(key))).toEqual(key);
  });
});
