import { describe, expect, it } from 'vitest';
import type { RouteEvent, RouteFailed } from '@kt/contracts';
import { sampleRouteEvent } from '../../../test/support/route-event.fixture.js';
import { evolve, hourStart, rollup, toEntryRow, type SpendState } from './spend.evolve.js';

const served = sampleRouteEvent();
const failed: RouteFailed = {
  ...(served as RouteFailed),
  type: 'route.failed',
  event_id: '7d444840-9dc0-11d1-b245-5ffdce74fad2',
  served: null,
  status: 502,
  error_code: 'upstream_error',
  usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
  cost: { micro_usd: '0', currency: 'USD', priced_by: 'unpriced' },
};
const anonymous: RouteEvent = {
  ...(failed as RouteEvent),
  type: 'route.rejected',
  caller: null,
  group: null,
  attempts: [],
  requested_model: 'nope',
} as RouteEvent;

describe('toEntryRow', () => {
  it.each([
    [
      'books a served request on the served target',
      served,
      ['openai', 'openai-main', 'production-llm', 'gpt-5.4-mini', 'finance', 'key_fin', 1234n],
    ],
    [
      'books a failed request on the last target tried',
      failed,
      ['openai', 'openai-main', 'production-llm', 'gpt-5.4-mini', 'finance', 'key_fin', 0n],
    ],
    [
      'uses empty strings for what a rejected anonymous request does not know',
      anonymous,
      ['', '', '', 'nope', '', '', 0n],
    ],
  ] as const)('%s', (_name, event, [provider, target, group, model, team, keyId, cost]) => {
    expect(toEntryRow(event)).toMatchObject({
      provider,
      target,
      group,
      model,
      team,
      keyId,
      costMicroUsd: cost,
    });
  });
});

describe('hourStart', () => {
  it.each([
    ['2025-03-01T12:34:56.789Z', '2025-03-01T12:00:00.000Z'],
    ['2025-03-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z'],
    ['2025-12-31T23:59:59.999Z', '2025-12-31T23:00:00.000Z'],
  ])('truncates %s to %s', (at, hour) => {
    expect(hourStart(at)).toBe(hour);
  });
});

describe('evolve', () => {
  it('adds requests, errors, tokens and cost of each event to its hour and dimensions', () => {
    const state = [served, sampleRouteEvent({ event_id: 'e2' }), failed].reduce<SpendState>(
      evolve,
      new Map(),
    );
    expect([...state.values()]).toEqual([
      {
        hour: '2025-03-01T12:00:00.000Z',
        provider: 'openai',
        target: 'openai-main',
        group: 'production-llm',
        model: 'gpt-5.4-mini',
        team: 'finance',
        keyId: 'key_fin',
        requests: 3n,
        errors: 1n,
        inputTokens: 20n,
        outputTokens: 10n,
        costMicroUsd: 2468n,
        unpricedRequests: 0n,
        unpricedTokens: 0n,
        estimatedRequests: 0n,
        rejectedRequests: 0n,
      },
    ]);
  });

  it('counts unpriced (with tokens), estimated and rejected requests beside the spend', () => {
    const unpriced = sampleRouteEvent({
      event_id: 'u1',
      usage: { input_tokens: 7, output_tokens: 3, total_tokens: 10 },
      cost: { micro_usd: '0', currency: 'USD', priced_by: 'unpriced' },
    });
    const estimated = sampleRouteEvent({
      event_id: 'e4',
      cost: { micro_usd: '9', currency: 'USD', priced_by: 'estimate' },
    });
    // `failed` is stamped unpriced but used no tokens: nothing to price, so not counted unpriced.
    const [row, rejected] = rollup([unpriced, failed, estimated, served, anonymous].map(toEntryRow));
    expect(row).toMatchObject({
      requests: 4n,
      unpricedRequests: 1n,
      unpricedTokens: 10n,
      estimatedRequests: 1n,
      rejectedRequests: 0n,
    });
    expect(rejected).toMatchObject({
      provider: '',
      requests: 1n,
      rejectedRequests: 1n,
      unpricedRequests: 0n,
    });
  });

  it('keeps different hours and keys in different rows', () => {
    const later = sampleRouteEvent({ occurred_at: '2025-03-01T13:00:00.000Z' });
    const other = sampleRouteEvent({ caller: { key_id: 'key_ops', team: null } });
    expect(rollup([served, later, other].map(toEntryRow)).map((r) => [r.hour, r.keyId, r.team])).toEqual([
      ['2025-03-01T12:00:00.000Z', 'key_fin', 'finance'],
      ['2025-03-01T13:00:00.000Z', 'key_fin', 'finance'],
      ['2025-03-01T12:00:00.000Z', 'key_ops', ''],
    ]);
  });

  it('leaves the state it was given untouched, so replays are pure', () => {
    const before: SpendState = new Map();
    evolve(before, served);
    expect(before.size).toBe(0);
  });

  it('keeps money exact beyond 2^53 micro-dollars', () => {
    const big = sampleRouteEvent({
      cost: { micro_usd: '9007199254740993', currency: 'USD', priced_by: 'provider' },
    });
    const state = [big, sampleRouteEvent({ event_id: 'e3' })].reduce<SpendState>(evolve, new Map());
    expect([...state.values()][0]?.costMicroUsd).toBe(9007199254740993n + 1234n);
  });
});
