import { describe, expect, it } from 'vitest';
import { parsePack, type Pack } from '@kt/pack';
import { CircuitBreakerRegistry, LatencyWindow } from '@kt/routing';
import { budgetState } from '../budgets/budget.fixture.js';
import { BudgetView } from '../state/budget.view.js';
import { TargetHealth } from '../state/target.health.js';
import { targetsView } from './targets.view.js';

const PACK = `
pack: { name: view-test, version: "2.0.0", enabled: true }
providers:
  routing: { strategy: lowest_latency, window_seconds: 10 }
  model_groups:
    - name: fast
      targets: [a, b]
  targets:
    - id: a
      provider: openai:chat:gpt-5.4-mini
      data_policy: { zero_data_retention: true, training_opt_out: true }
    - id: b
      provider: anthropic:chat:claude-3-5-sonnet-20241022
`;
const NOW = Date.parse('2026-03-01T12:00:10Z');

function pack(): Pack {
  const result = parsePack(PACK, { source: 'test' });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.pack;
}

describe('targetsView', () => {
  it('reports health, breaker, latency over the window, in-flight and data policy of every target', () => {
    const breakers = new CircuitBreakerRegistry({
      failureThreshold: 1,
      cooldownSeconds: 30,
      halfOpenMaxRequests: 1,
    });
    breakers.get('b').onFailure(NOW - 1000);
    const health = new TargetHealth();
    health.record({
      targetId: 'a',
      ok: true,
      atMs: NOW - 500,
      latencyMs: 21.4,
      errorKind: null,
      source: 'prober-1',
    });
    const latency = new LatencyWindow();
    latency.add('a', 20, NOW - 1000);
    latency.add('a', 40, NOW - 2000);
    latency.add('a', 900, NOW - 60_000); // outside the 10 s window
    const budgets = new BudgetView();
    budgets.apply('p1', budgetState('p1', 'provider:openai', { status: 'warning', action: 'alert' }));
    const view = targetsView(
      { pack: pack(), breakers, health, latency, inFlight: (id) => (id === 'a' ? 2 : 0), budgets },
      NOW,
    );

    expect(view).toMatchObject({
      pack: { name: 'view-test', version: '2.0.0' },
      window_seconds: 10,
      at: '2026-03-01T12:00:10.000Z',
    });
    expect(view.targets).toEqual([
      {
        id: 'a',
        provider: 'openai',
        model: 'gpt-5.4-mini',
        kind: 'chat',
        groups: ['fast'],
        available: true,
        health: {
          ok: true,
          at: '2026-03-01T12:00:09.500Z',
          latency_ms: 21,
          error_kind: null,
          source: 'prober-1',
        },
        breaker: { state: 'closed', open_until: null },
        latency: { count: 2, p50_ms: 20, p95_ms: 40 },
        in_flight: 2,
        budget: 'warning',
        data_policy: { zero_data_retention: true, training_opt_out: true, retention_days: null },
      },
      expect.objectContaining({
        id: 'b',
        health: null,
        breaker: { state: 'open', open_until: '2026-03-01T12:00:39.000Z' },
        latency: { count: 0, p50_ms: null, p95_ms: null },
        budget: 'none',
      }),
    ]);
  });

  it('shows a target whose last probe failed as open', () => {
    const health = new TargetHealth();
    health.record({
      targetId: 'b',
      ok: false,
      atMs: NOW,
      latencyMs: 5000,
      errorKind: 'timeout',
      source: 'p',
    });
    const view = targetsView(
      {
        pack: pack(),
        breakers: new CircuitBreakerRegistry({
          failureThreshold: 3,
          cooldownSeconds: 30,
          halfOpenMaxRequests: 1,
        }),
        health,
        latency: new LatencyWindow(),
        inFlight: () => 0,
        budgets: new BudgetView(),
      },
      NOW,
    );
    expect(view.targets[1]).toMatchObject({
      breaker: { state: 'open' },
      health: { ok: false, error_kind: 'timeout' },
    });
  });
});
