import {
  attemptUsage,
  createEventId,
  ROUTE_SCHEMA,
  routeCost,
  routeUsage,
  toMicroUsdString,
  toUtcTimestamp,
  type Attempt,
  type AttemptErrorKind,
  type PackRef,
  type RouteEvent,
} from '@kt/contracts';
import type { PackPricing, Target } from '@kt/pack';
import { priceTargetAttempt, type AttemptPrice } from '@kt/pricing';
import type { ProbeOutcome } from './probe.outcome.js';

/** Whom the spend of `completion` probes is charged to, so finance can tell it from traffic. */
export const PROBER_CALLER = Object.freeze({ key_id: 'prober', team: 'kt-prober' });

/**
 * The route event of a `completion` probe that called its target: one attempt, priced the way the
 * gateway prices (`priceTargetAttempt`: pack, catalog, the pack's fallback rate, else unpriced),
 * attributed to the prober.
 */
export function buildProbeRouteEvent(
  target: Target,
  outcome: ProbeOutcome,
  pack: PackRef,
  instanceId: string,
  nowMs: number,
  pricing: PackPricing,
): RouteEvent {
  const usage = outcome.completion?.usage ?? null;
  const upstreamModel = outcome.completion?.upstreamModel ?? target.model;
  // Priced as the gateway prices the same attempt: the target's `base_model ?? model` (never the
  // model the upstream reports) with the pack's fallback rate.
  const price: AttemptPrice =
    usage === null
      ? { microUsd: 0n, pricedBy: 'unpriced' }
      : priceTargetAttempt({ target, packPricing: pricing, usage, at: new Date(outcome.startedAtMs) });
  const latencyMs = round(outcome.latencyMs);
  const attemptFacts = {
    target: target.id,
    provider: target.vendor,
    upstream_model: upstreamModel,
    started_at: toUtcTimestamp(outcome.startedAtMs),
    status: outcome.status,
    latency_ms: latencyMs,
    ttft_ms: null,
    usage: attemptUsage(usage),
    cost_micro_usd: toMicroUsdString(price.microUsd),
  };
  const errorKind = attemptErrorKind(outcome);
  const attempt: Attempt =
    errorKind === null
      ? { ...attemptFacts, outcome: 'ok', error_kind: null }
      : { ...attemptFacts, outcome: 'error', error_kind: errorKind };
  const facts = {
    schema: ROUTE_SCHEMA,
    event_id: createEventId(),
    request_id: `probe-${createEventId()}`,
    occurred_at: toUtcTimestamp(nowMs),
    endpoint: 'chat.completions',
    stream: false,
    caller: PROBER_CALLER,
    requested_model: target.model,
    group: null,
    strategy: null,
    attempts: [attempt],
    status: outcome.status,
    usage: routeUsage(usage?.inputTokens ?? 0, usage?.outputTokens ?? 0),
    cost: routeCost(price.microUsd, price.pricedBy, price.catalog),
    overhead_ms: 0,
    duration_ms: latencyMs,
    pack,
    gateway: { instance_id: `prober:${instanceId}` },
  } as const;
  if (errorKind === null) {
    return {
      ...facts,
      type: 'route.completed',
      served: { target: target.id, provider: target.vendor, upstream_model: upstreamModel },
      error_code: null,
    };
  }
  return { ...facts, type: 'route.failed', served: null, error_code: 'upstream_error' };
}

/** `unavailable` never reaches here (such targets are not called); it maps to a connection error to stay total. */
function attemptErrorKind(outcome: ProbeOutcome): AttemptErrorKind | null {
  if (outcome.errorKind === null) return null;
  return outcome.errorKind === 'unavailable' ? 'connection_error' : outcome.errorKind;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
