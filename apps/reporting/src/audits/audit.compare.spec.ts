import { describe, expect, it } from 'vitest';
import { rollup, toEntryRow, type LedgerEntryRow } from '@kt/spend';
import { sampleRouteEvent } from '../../../../test/support/route-event.fixture.js';
import { EntryComparison, diffEntry, diffHourlyRollups, totalsOfEntries } from './audit.compare.js';

const A = '1b4e28ba-2fa1-4d2b-883f-0016d3cca427';
const B = '7d444840-9dc0-11d1-b245-5ffdce74fad2';
const C = 'c56a4180-65aa-42ec-a945-5fd21dec0538';
const row = (event_id: string, over: Partial<LedgerEntryRow> = {}): LedgerEntryRow => ({
  ...toEntryRow(sampleRouteEvent({ event_id })),
  ...over,
});
const replayedOf = (...rows: LedgerEntryRow[]) => new Map(rows.map((r) => [r.eventId, r]));

describe('diffEntry', () => {
  it('finds nothing when the live row equals the replayed entry', () => {
    expect(diffEntry(A, row(A), row(A))).toEqual([]);
  });

  it('compares instants, not their spelling', () => {
    expect(diffEntry(A, row(A), row(A, { occurredAt: '2025-03-01T12:34:56.789+00:00' }))).toEqual([]);
  });

  it.each([
    ['cost_micro_usd', { costMicroUsd: 1235n }, '1234', '1235'],
    ['input_tokens', { inputTokens: 11 }, '10', '11'],
    ['team', { team: 'search' }, 'finance', 'search'],
    ['provider', { provider: 'azure' }, 'openai', 'azure'],
  ] as const)('names the column %s with both values', (column, over, replayed, live) => {
    expect(diffEntry(A, row(A), row(A, over))).toEqual([
      { kind: 'value', eventId: A, column, replayed, live },
    ]);
  });
});

describe('EntryComparison', () => {
  it('reports events missing in the ledger, extra entries and changed values, sorted by kind', () => {
    const comparison = new EntryComparison(replayedOf(row(A), row(B)));
    comparison.takeLive([row(C)]);
    comparison.takeLive([row(B, { costMicroUsd: 1n })]);
    expect(comparison.differences()).toEqual([
      { kind: 'missing_in_ledger', eventId: A, column: 'event_id', replayed: A, live: null },
      { kind: 'extra_in_ledger', eventId: C, column: 'event_id', replayed: null, live: C },
      { kind: 'value', eventId: B, column: 'cost_micro_usd', replayed: '1234', live: '1' },
    ]);
  });

  it('matches live event ids whatever their case', () => {
    const comparison = new EntryComparison(replayedOf(row(A)));
    comparison.takeLive([row(A.toUpperCase())]);
    expect(comparison.differences()).toEqual([]);
  });

  it('keeps totals of both sides, overall and per provider', () => {
    const comparison = new EntryComparison(
      replayedOf(row(A), row(B, { provider: 'azure', costMicroUsd: 10n })),
    );
    comparison.takeLive([row(A), row(B, { provider: 'azure', costMicroUsd: 11n, type: 'route.failed' })]);
    expect(comparison.live()).toEqual({
      requests: 2n,
      errors: 1n,
      inputTokens: 20n,
      outputTokens: 10n,
      costMicroUsd: 1245n,
    });
    expect(
      comparison.byProvider().map((p) => [p.provider, p.replayed.costMicroUsd, p.live.costMicroUsd]),
    ).toEqual([
      ['azure', 10n, 11n],
      ['openai', 1234n, 1234n],
    ]);
    expect(totalsOfEntries([row(A), row(B)]).costMicroUsd).toBe(2468n);
  });
});

describe('diffHourlyRollups', () => {
  const hours = {
    firstMs: Date.parse('2025-03-01T12:00:00.000Z'),
    endMs: Date.parse('2025-03-01T13:00:00.000Z'),
  };
  const outside = row(B, { occurredAt: '2025-03-01T13:10:00.000Z' });

  it('finds nothing when the live rows of the whole hours equal the replayed rollup', () => {
    expect(diffHourlyRollups([row(A), outside], rollup([row(A)]), hours)).toEqual([]);
  });

  it('names the dimensions and the column of a changed row', () => {
    const live = rollup([row(A)]).map((r) => ({ ...r, requests: 2n }));
    const [d, ...rest] = diffHourlyRollups([row(A), outside], live, hours);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ kind: 'value', column: 'requests', replayed: '1', live: '2' });
    expect(d?.dimension).toMatchObject({
      hour: '2025-03-01T12:00:00.000Z',
      provider: 'openai',
      keyId: 'key_fin',
    });
    expect(d?.eventId).toBeUndefined();
  });
});
