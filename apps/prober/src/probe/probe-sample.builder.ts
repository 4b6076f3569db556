import { createEventId, PROBE_SCHEMA, toUtcTimestamp, type ProbeSampled } from '@kt/contracts';
import type { Target } from '@kt/pack';
import type { ProbeOutcome } from './probe.outcome.js';

/** The `kt.probe-samples.v1` record of one probe. */
export function buildProbeSample(
  target: Target,
  outcome: ProbeOutcome,
  instanceId: string,
  nowMs: number,
): ProbeSampled {
  const facts = {
    schema: PROBE_SCHEMA,
    type: 'probe.sampled',
    sample_id: createEventId(),
    observed_at: toUtcTimestamp(nowMs),
    target: target.id,
    provider: target.vendor,
    kind: outcome.kind,
    latency_ms: Math.round(outcome.latencyMs * 1000) / 1000,
    status: outcome.status,
    prober: { instance_id: instanceId },
  } as const;
  return outcome.errorKind === null
    ? { ...facts, ok: true, error_kind: null }
    : { ...facts, ok: false, error_kind: outcome.errorKind };
}
