import type { UpstreamError } from '@kt/providers';
import { GatewayError, type AttemptSummary } from '../errors/gateway.error.js';
import type { RouteRecord } from '../events/route.record.js';

// The answers a request gets when no upstream served it, with every attempt summarized.

function summary(record: RouteRecord): AttemptSummary[] {
  return record.attempts.map((a) => ({
    target: a.target.id,
    provider: a.target.vendor,
    status: a.status,
    error_kind: a.errorKind,
    latency_ms: Math.round(a.latencyMs),
  }));
}

/** A failure that must not move to another target: the upstream's 4xx is relayed as it was. */
export function clientFacing(error: UpstreamError, record: RouteRecord): GatewayError {
  if (error.errorKind === 'client_error') {
    const status = error.status >= 400 && error.status < 500 ? error.status : 400;
    const message = error.body?.error?.message ?? error.message;
    // A request kt could not translate for the vendor names its field, as the upstream's own 400 would.
    const param = typeof error.body?.error?.param === 'string' ? error.body.error.param : undefined;
    return new GatewayError('invalid_request_error', message, {
      status,
      attempts: summary(record),
      ...(param !== undefined && { param }),
    });
  }
  return exhausted([error], record);
}

export function exhausted(failures: readonly UpstreamError[], record: RouteRecord): GatewayError {
  const attempts = summary(record);
  if (failures.length === 0) {
    return new GatewayError('no_healthy_target', 'Every target of this model has its circuit open', {
      attempts,
    });
  }
  if (failures.every((f) => f.errorKind === 'rate_limited')) {
    const waits = failures.map((f) => f.retryAfterMs).filter((ms): ms is number => ms !== null);
    const retryAfterSeconds = Math.max(1, Math.ceil((waits.length > 0 ? Math.min(...waits) : 1000) / 1000));
    return new GatewayError('rate_limited', 'Every target of this model is rate-limited; retry later', {
      attempts,
      retryAfterSeconds,
    });
  }
  const tried = attempts.map((a) => `${a.target} → ${a.error_kind ?? a.status}`).join(', ');
  return new GatewayError('upstream_error', `No upstream could serve the request (${tried})`, { attempts });
}
