import { describe, expect, it } from 'vitest';
import {
  NO_PROVIDER_LABEL as SPEND_NO_PROVIDER_LABEL,
  REJECTED_LABEL as SPEND_REJECTED_LABEL,
} from '@kt/spend';
import {
  costLabel,
  NO_PROVIDER_LABEL,
  REJECTED_LABEL,
  dayBuckets,
  describeFailure,
  microUsdToUsd,
  onlyUnpriced,
  percentLabel,
  readBudgets,
  readMix,
  readSpend,
  spendChart,
  unpricedNote,
  windowQuery,
} from './dashboard.view-model.js';

const NONE = { unpricedRequests: 0n, unpricedTokens: 0n };

describe('the dashboard view model', () => {
  it.each([
    ['0', '0.000000'],
    ['1', '0.000001'],
    ['12345678', '12.345678'],
    ['1234567890123', '1,234,567.890123'],
    ['-2500000', '-2.500000'],
    ['9007199254740993000001', '9,007,199,254,740,993.000001'],
  ])('shows %s micro-USD as %s USD exactly', (micro, usd) => {
    expect(microUsdToUsd(micro)).toBe(usd);
  });

  it.each([
    [0.3333, '33.33 %'],
    [1, '100.00 %'],
    [0, '0.00 %'],
    [1.25, '125.00 %'],
  ])('labels the share %s as %s', (share, label) => {
    expect(percentLabel(share)).toBe(label);
  });

  it('asks for the chosen window plus the extra parameters', () => {
    expect(windowQuery('7d', { by: 'provider', interval: 'day' })).toBe('since=7d&by=provider&interval=day');
  });

  it('lists every UTC day from the start of the first to the last', () => {
    expect(dayBuckets('2026-11-01T13:00:00.000Z', '2026-11-03T01:00:00.000Z')).toEqual([
      '2026-11-01T00:00:00.000Z',
      '2026-11-02T00:00:00.000Z',
      '2026-11-03T00:00:00.000Z',
    ]);
  });

  it('stacks spend per provider per day with exact totals, biggest spender first', () => {
    const spend = readSpend({
      since: '2026-11-01T06:00:00.000Z',
      until: '2026-11-03T06:00:00.000Z',
      by: 'provider',
      interval: 'day',
      rows: [
        { bucket: '2026-11-01T00:00:00.000Z', key: 'openai', requests: '2', cost_micro_usd: '1500000' },
        { bucket: '2026-11-03T00:00:00.000Z', key: 'openai', requests: '1', cost_micro_usd: '1' },
        { bucket: '2026-11-02T00:00:00Z', key: 'anthropic', requests: '5', cost_micro_usd: '9000000' },
      ],
      totals: {},
    });
    const view = spendChart(spend);
    expect(view.labels).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(view.series).toEqual([
      { provider: 'anthropic', usd: [0, 9, 0] },
      { provider: 'openai', usd: [1.5, 0, 0.000001] },
    ]);
    expect(view.totals).toEqual([
      { provider: 'anthropic', requests: 5n, costMicroUsd: 9_000_000n, ...NONE },
      { provider: 'openai', requests: 3n, costMicroUsd: 1_500_001n, ...NONE },
    ]);
  });

  it('keeps unpriced traffic as its own figure and labels the rejected requests', () => {
    const spend = readSpend({
      since: '2026-11-01T06:00:00.000Z',
      until: '2026-11-02T06:00:00.000Z',
      rows: [
        {
          bucket: '2026-11-01T00:00:00.000Z',
          key: 'azure',
          requests: '150',
          cost_micro_usd: '0',
          unpriced_requests: '150',
          unpriced_tokens: '3000',
        },
        {
          bucket: '2026-11-02T00:00:00.000Z',
          key: 'azure',
          requests: '34',
          cost_micro_usd: '0',
          unpriced_requests: '34',
          unpriced_tokens: '1031',
        },
        {
          bucket: '2026-11-01T00:00:00.000Z',
          key: 'openai',
          requests: '9',
          cost_micro_usd: '7',
          unpriced_requests: '1',
          unpriced_tokens: '1',
        },
        { bucket: '2026-11-01T00:00:00.000Z', key: '', requests: '3', cost_micro_usd: '0', rejected: true },
      ],
      totals: { unpriced_requests: '185', unpriced_tokens: '4032' },
    });
    expect(unpricedNote(spend.totals)).toBe('unpriced: 185 requests, 4,032 tokens');
    const totals = Object.fromEntries(spendChart(spend).totals.map((t) => [t.provider, t]));
    expect(Object.keys(totals).sort()).toEqual(['(rejected)', 'azure', 'openai']);
    expect(costLabel(totals.azure!)).toBe('unpriced');
    expect(unpricedNote(totals.azure!)).toBe('unpriced: 184 requests, 4,031 tokens');
    expect([costLabel(totals.openai!), unpricedNote(totals.openai!)]).toEqual([
      '0.000007',
      'unpriced: 1 request, 1 token',
    ]);
    expect([costLabel(totals['(rejected)']!), unpricedNote(totals['(rejected)']!)]).toEqual(['0.000000', '']);
    // An all-unpriced bucket draws no bar (and no "0.000000 USD" tooltip); a priced one keeps its cost.
    const series = Object.fromEntries(spendChart(spend).series.map((x) => [x.provider, x.usd]));
    expect(series.azure).toEqual([null, null]);
    expect(series.openai).toEqual([0.000007, 0]);
    const [mix] = readMix({
      providers: [
        {
          provider: '',
          rejected: true,
          requests: '3',
          request_share: '0.1',
          tokens: '0',
          token_share: '0',
          cost_micro_usd: '0',
          cost_share: '0',
        },
      ],
    });
    expect(mix?.provider).toBe('(rejected)');
    expect(onlyUnpriced(mix!)).toBe(false);
  });

  it('names a provider-less row without rejections "(no provider)", in the words of @kt/spend', () => {
    expect([REJECTED_LABEL, NO_PROVIDER_LABEL]).toEqual([SPEND_REJECTED_LABEL, SPEND_NO_PROVIDER_LABEL]);
    const spend = readSpend({
      since: '2026-11-01T00:00:00.000Z',
      until: '2026-11-01T06:00:00.000Z',
      rows: [
        { bucket: '2026-11-01T00:00:00.000Z', key: '', requests: '2', cost_micro_usd: '0', rejected: false },
      ],
    });
    expect(spend.rows.map((r) => r.key)).toEqual(['(no provider)']);
  });

  it('reads the provider mix as exact counts and numeric shares', () => {
    expect(
      readMix({
        since: 'a',
        until: 'b',
        providers: [
          {
            provider: 'azure',
            requests: '3',
            request_share: '0.7500',
            tokens: '40',
            token_share: '0.5000',
            cost_micro_usd: '12',
            cost_share: '0.1000',
          },
        ],
      }),
    ).toEqual([
      {
        provider: 'azure',
        requests: '3',
        requestShare: 0.75,
        tokens: '40',
        tokenShare: 0.5,
        costMicroUsd: '12',
        costShare: 0.1,
        ...NONE,
      },
    ]);
  });

  it.each([
    [{ scope: 'provider', scope_value: 'openai' }, 'provider:openai'],
    [{ scope: { kind: 'team', value: 'search' } }, 'team:search'],
    [{ scope: { kind: 'global', value: null } }, 'global'],
    [{ scope: 'global' }, 'global'],
    [{ name: 'Q4 cap', scope: 'provider', scope_value: 'azure' }, 'Q4 cap (provider:azure)'],
  ])('labels a budget scoped %j as %s', (scope, label) => {
    const [row] = readBudgets({
      budgets: [{ id: 'b1', period: 'monthly', action: 'block', limit_micro_usd: '100', ...scope }],
    });
    expect(row?.label).toBe(label);
  });

  it('reads a budget with its utilisation in percent and a known status', () => {
    expect(
      readBudgets({
        budgets: [
          {
            budget_id: 'b2',
            scope: 'provider',
            scope_value: 'openai',
            period: 'monthly',
            action: 'alert',
            limit_micro_usd: '5000000000',
            spent_micro_usd: '2250000000',
            utilisation: '0.4500',
            status: 'warning',
            forecast_micro_usd: '6000000000',
            unpriced_requests: '184',
            unpriced_tokens: '4031',
          },
          {
            id: 'b3',
            scope: 'global',
            period: 'daily',
            action: 'block',
            limit_micro_usd: '1',
            status: 'odd',
          },
        ],
      }),
    ).toEqual([
      {
        id: 'b2',
        label: 'provider:openai',
        period: 'monthly',
        action: 'alert',
        limitMicroUsd: '5000000000',
        spentMicroUsd: '2250000000',
        forecastMicroUsd: '6000000000',
        utilisationPct: 45,
        status: 'warning',
        unpricedRequests: 184n,
        unpricedTokens: 4031n,
      },
      {
        id: 'b3',
        label: 'global',
        period: 'daily',
        action: 'block',
        limitMicroUsd: '1',
        spentMicroUsd: '0',
        forecastMicroUsd: null,
        utilisationPct: 0,
        status: 'unknown',
        ...NONE,
      },
    ]);
  });

  it.each([
    [{ rows: 'nope', since: 'a', until: 'b' }, 'spend.rows: expected an array'],
    [
      { since: 'a', until: 'b', rows: [{ bucket: '2026-11-01T00:00:00Z', key: 'x', requests: '1.5' }] },
      'spend.rows[0].requests: expected an integer as a decimal string',
    ],
    [null, 'spend: expected an object'],
  ])('rejects a malformed spend answer %j naming the field', (body, message) => {
    expect(() => readSpend(body)).toThrow(message);
  });

  it.each([
    [401, { error: { code: 'invalid_token' } }, null, 'The reporting API refused the token (invalid_token)'],
    [403, { error: { code: 'admin_required' } }, null, 'This token may not read this data (admin_required)'],
    [429, {}, '7', 'Too many requests: try again in 7 seconds.'],
    [500, { error: { message: 'database down' } }, null, 'The reporting API failed: database down'],
    [502, null, null, 'The reporting API failed: HTTP 502'],
  ])('explains an HTTP %i answer', (status, body, retryAfter, message) => {
    expect(describeFailure(status, body, retryAfter)).toContain(message);
  });
});
