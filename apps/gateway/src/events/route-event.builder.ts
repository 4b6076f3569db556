import {
  attemptUsage,
  createEventId,
  ROUTE_SCHEMA,
  routeCost,
  routeUsage,
  toMicroUsdString,
  toStorableText,
  toUtcTimestamp,
  type Attempt,
  type PackRef,
  type PriceSource,
  type RouteCompleted,
  type RouteErrorCode,
  type RouteEvent,
} from '@kt/contracts';
import type { AttemptRecord, RouteRecord } from './route.record.js';

export interface RouteOutcome {
  /** HTTP status given to the client. */
  readonly status: number;
  /** Null when a target served the request. */
  readonly errorCode: RouteErrorCode | null;
  /** True when the gateway refused the request before any upstream attempt. */
  readonly rejected: boolean;
}

const SOURCE_RANK: Readonly<Record<PriceSource, number>> = {
  provider: 0,
  pack: 1,
  catalog: 2,
  estimate: 3,
  unpriced: 4,
};

/**
 * The route event of a finished request. Cost is the sum of every attempt's cost, priced when it
 * happened; `priced_by` is the weakest source among attempts that used tokens (so one unpriced
 * attempt flags the whole request).
 */
export function buildRouteEvent(
  record: RouteRecord,
  outcome: RouteOutcome,
  pack: PackRef | null,
  instanceId: string,
  nowMs: number,
): RouteEvent {
  let inputTokens = 0;
  let outputTokens = 0;
  let cost = 0n;
  for (const attempt of record.attempts) {
    cost += attempt.costMicroUsd;
    inputTokens += attempt.usage?.inputTokens ?? 0;
    outputTokens += attempt.usage?.outputTokens ?? 0;
  }
  const used = record.attempts.filter((attempt) => attempt.usage !== null);
  const sources = used.length > 0 ? used : record.served ? [record.served] : [];
  const pricedBy = sources.reduce<PriceSource>(
    (weakest, attempt) => (SOURCE_RANK[attempt.pricedBy] > SOURCE_RANK[weakest] ? attempt.pricedBy : weakest),
    sources.length > 0 ? 'provider' : 'unpriced',
  );
  // Which catalog priced the request: set whenever an attempt was priced from it, so a replay or
  // an audit knows which dataset version the booked cost came from.
  const catalog = record.attempts.find((attempt) => attempt.catalog !== undefined)?.catalog;
  const served = record.served;
  const facts: Omit<RouteCompleted, 'type' | 'served' | 'error_code'> = {
    schema: ROUTE_SCHEMA,
    event_id: createEventId(),
    request_id: record.requestId,
    ...(record.clientRequestId !== undefined && { client_request_id: record.clientRequestId }),
    occurred_at: toUtcTimestamp(nowMs),
    endpoint: record.endpoint,
    stream: record.stream,
    caller: record.caller,
    // Capped by the parser before a record exists (MAX_MODEL_CHARS); made storable for the ledger.
    requested_model: toStorableText(record.requestedModel),
    group: record.group,
    strategy: record.strategy,
    attempts: record.attempts.map(toAttempt),
    status: outcome.status,
    usage: routeUsage(inputTokens, outputTokens),
    cost: routeCost(cost, pricedBy, catalog),
    overhead_ms: round(record.overheadMs()),
    duration_ms: round(record.elapsedMs()),
    pack,
    gateway: { instance_id: instanceId },
  };
  if (outcome.errorCode === null && served) {
    return {
      ...facts,
      type: 'route.completed',
      served: {
        target: served.target.id,
        provider: served.target.vendor,
        upstream_model: served.upstreamModel,
      },
      error_code: null,
    };
  }
  const failed = { ...facts, served: null, error_code: outcome.errorCode ?? 'upstream_error' } as const;
  return outcome.rejected ? { ...failed, type: 'route.rejected' } : { ...failed, type: 'route.failed' };
}

function toAttempt(attempt: AttemptRecord): Attempt {
  const facts = {
    target: attempt.target.id,
    provider: attempt.target.vendor,
    upstream_model: attempt.upstreamModel,
    started_at: toUtcTimestamp(attempt.startedAtMs),
    status: attempt.status,
    latency_ms: round(attempt.latencyMs),
    ttft_ms: attempt.ttftMs === null ? null : round(attempt.ttftMs),
    usage: attemptUsage(attempt.usage),
    cost_micro_usd: toMicroUsdString(attempt.costMicroUsd),
  };
  return attempt.errorKind === null
    ? { ...facts, outcome: 'ok', error_kind: null }
    : { ...facts, outcome: 'error', error_kind: attempt.errorKind };
}

/** Milliseconds to 0.001: enough to see sub-millisecond overhead, no float noise in the log. */
function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
