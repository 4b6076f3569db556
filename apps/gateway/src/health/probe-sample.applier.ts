import type { ProbeSampled } from '@kt/contracts';
import type { LatencyWindow, CircuitBreakerRegistry } from '@kt/routing';
import type { TargetHealth } from '../state/target.health.js';

/** What one sample may change in this gateway. */
export interface ProbeSampleTargets {
  /** This gateway's instance id: its own shared breaker openings come back on the topic and are ignored. */
  readonly instanceId: string;
  readonly health: TargetHealth;
  readonly latency: LatencyWindow;
  /** The breakers of the pack in force, and its cooldown. */
  readonly breakers: CircuitBreakerRegistry;
  readonly cooldownSeconds: number;
  readonly knows: (targetId: string) => boolean;
}

/**
 * Applies one record of `kt.probe-samples.v1`: a probe's verdict becomes the target's health (and a
 * healthy probe's latency joins the window lowest_latency ranks by); a peer gateway's breaker opening
 * opens ours for the pack's cooldown.
 */
export function applyProbeSample(sample: ProbeSampled, to: ProbeSampleTargets, nowMs: number): void {
  if (!to.knows(sample.target)) return;
  const observedMs = Math.min(Date.parse(sample.observed_at), nowMs);
  if (sample.kind === 'gateway') {
    if (sample.prober.instance_id === to.instanceId || sample.ok) return;
    to.breakers.get(sample.target).forceOpen(observedMs + to.cooldownSeconds * 1000, nowMs);
    return;
  }
  to.health.record({
    targetId: sample.target,
    ok: sample.ok,
    atMs: observedMs,
    latencyMs: sample.latency_ms,
    errorKind: sample.error_kind,
    source: sample.prober.instance_id,
  });
  if (sample.ok) to.latency.add(sample.target, sample.latency_ms, observedMs);
}
