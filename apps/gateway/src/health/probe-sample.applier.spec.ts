import { describe, expect, it } from 'vitest';
import type { ProbeSampled } from '@kt/contracts';
import { CircuitBreakerRegistry, LatencyWindow } from '@kt/routing';
import { applyProbeSample, type ProbeSampleTargets } from './probe-sample.applier.js';
import { TargetHealth } from '../state/target.health.js';

const NOW = Date.parse('2026-03-01T12:00:10Z');

function sample(overrides: Partial<ProbeSampled>): ProbeSampled {
  return {
    schema: 'kt.probe.v1',
    type: 'probe.sampled',
    sample_id: 's1',
    observed_at: '2026-03-01T12:00:09.000Z',
    target: 'openai-main',
    provider: 'openai',
    kind: 'completion',
    latency_ms: 40,
    status: 200,
    prober: { instance_id: 'prober-1' },
    ok: true,
    error_kind: null,
    ...overrides,
  } as ProbeSampled;
}

function targets(): ProbeSampleTargets {
  return {
    instanceId: 'gw-a',
    health: new TargetHealth(),
    latency: new LatencyWindow(),
    breakers: new CircuitBreakerRegistry({
      failureThreshold: 3,
      cooldownSeconds: 30,
      halfOpenMaxRequests: 1,
    }),
    cooldownSeconds: 30,
    knows: (id) => id === 'openai-main',
  };
}

describe('applyProbeSample', () => {
  it('records a healthy probe as health and as a latency sample', () => {
    const to = targets();
    applyProbeSample(sample({}), to, NOW);
    expect(to.health.isDown('openai-main')).toBe(false);
    expect(to.health.last('openai-main')).toMatchObject({ ok: true, source: 'prober-1' });
    expect(to.latency.stats('openai-main', NOW, 5_000)).toMatchObject({ count: 1, p50: 40 });
  });

  it('marks a target down on a failed probe without counting its latency', () => {
    const to = targets();
    applyProbeSample(sample({ ok: false, error_kind: 'timeout', status: 0, latency_ms: 5000 }), to, NOW);
    expect(to.health.isDown('openai-main')).toBe(true);
    expect(to.latency.stats('openai-main', NOW, 5_000).count).toBe(0);
  });

  it.each([
    ['a peer gateway opened its breaker', 'gw-b', false, 'open'],
    ['this gateway opened its own (the echo is ignored)', 'gw-a', false, 'closed'],
    ['a peer reports a closed breaker', 'gw-b', true, 'closed'],
  ] as const)('opens the breaker for the cooldown only when %s', (_name, instance, ok, state) => {
    const to = targets();
    const shared = ok
      ? sample({ kind: 'gateway', prober: { instance_id: instance } })
      : sample({ kind: 'gateway', ok: false, error_kind: 'circuit_open', prober: { instance_id: instance } });
    applyProbeSample(shared, to, NOW);
    expect(to.breakers.get('openai-main').state(NOW)).toBe(state);
    expect(to.health.last('openai-main')).toBeUndefined();
  });

  it('ignores samples of targets the pack in force does not have', () => {
    const to = targets();
    applyProbeSample(sample({ target: 'gone', ok: false, error_kind: 'timeout' }), to, NOW);
    expect(to.health.isDown('gone')).toBe(false);
  });
});
