import { describe, expect, it } from 'vitest';
import { decodeProbeSample, encodeEvent } from '@kt/contracts';
import { buildProbeSample } from './probe-sample.builder.js';
import { targetFixture } from './probe.fixture.js';
import { unavailableOutcome, type ProbeOutcome } from './probe.outcome.js';

const NOW = Date.UTC(2026, 10, 24, 8, 0, 0);
const target = targetFixture({ id: 'azure-secondary', vendor: 'azure' });

describe('buildProbeSample', () => {
  it.each<[string, ProbeOutcome, Record<string, unknown>]>([
    [
      'a healthy models probe',
      { kind: 'models', startedAtMs: NOW - 40, latencyMs: 35.12345, status: 200, errorKind: null },
      { ok: true, error_kind: null, status: 200, latency_ms: 35.123, kind: 'models' },
    ],
    [
      'a probe the upstream answered with 503',
      { kind: 'models', startedAtMs: NOW - 10, latencyMs: 8, status: 503, errorKind: 'service_unavailable' },
      { ok: false, error_kind: 'service_unavailable', status: 503 },
    ],
    [
      'a completion probe that timed out',
      { kind: 'completion', startedAtMs: NOW - 2000, latencyMs: 2000, status: 0, errorKind: 'timeout' },
      { ok: false, error_kind: 'timeout', status: 0, kind: 'completion' },
    ],
    [
      'a target whose secret is not set',
      unavailableOutcome('models', NOW),
      { ok: false, error_kind: 'unavailable', status: 0, latency_ms: 0 },
    ],
  ])('records %s as a sample the contract decodes', (_name, outcome, expected) => {
    const sample = buildProbeSample(target, outcome, 'prober-a', NOW);
    expect(sample).toMatchObject({
      target: 'azure-secondary',
      provider: 'azure',
      observed_at: '2026-11-24T08:00:00.000Z',
      prober: { instance_id: 'prober-a' },
      ...expected,
    });
    expect(decodeProbeSample(encodeEvent(sample))).toEqual({ ok: true, value: sample });
  });
});
