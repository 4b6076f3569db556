import type { TokenUsage, UpstreamError } from '@kt/providers';
import { classifyFailure, recordOutcome, type CircuitBreaker } from '@kt/routing';
import type { AttemptRecord } from '../events/route.record.js';
import type { TargetStats } from '../state/target.stats.js';
import { priceAttemptRecord, type AttemptPricing } from './attempt.pricing.js';
import { endAttemptSpan } from './attempt.span.js';
import type { Served } from './served.js';

/** What a stream came to once read to the end (or broke, or the client left). */
export interface StreamOutcome {
  readonly usage: TokenUsage | null;
  readonly estimated?: boolean;
  readonly error?: UpstreamError;
  readonly durationMs: number;
}

/** A served attempt: the breaker hears of the success, the attempt is priced, the stats learn. */
export function settleSuccess(
  stats: TargetStats,
  attempt: AttemptRecord,
  breaker: CircuitBreaker,
  usage: TokenUsage | null,
  pricing: AttemptPricing,
  latencyMs = attempt.latencyMs,
): void {
  const nowMs = Date.now();
  recordOutcome(breaker, nowMs);
  attempt.usage = usage;
  priceAttemptRecord(attempt, usage ?? { inputTokens: 0, outputTokens: 0 }, pricing);
  stats.recordSuccess(attempt.target.id, latencyMs, usage?.outputTokens ?? 0, attempt.latencyMs, nowMs);
}

/** Settles a streamed answer once it has been read to the end (or broke, or the client left). */
export function settleStream(stats: TargetStats, served: Served<unknown>, outcome: StreamOutcome): void {
  const { attempt, breaker, target } = served;
  const estimated = outcome.estimated === true;
  const fallbackRate = served.runtime.pack.pricing.fallbackRate;
  stats.end(target.id);
  attempt.latencyMs = outcome.durationMs;
  if (!outcome.error) {
    const firstToken = attempt.ttftMs ?? outcome.durationMs;
    settleSuccess(stats, attempt, breaker, outcome.usage, { fallbackRate, estimated }, firstToken);
    endAttemptSpan(served.span, attempt, served.result);
    served.settleBudgets();
    return;
  }
  attempt.errorKind = outcome.error.errorKind;
  attempt.usage = outcome.usage;
  if (outcome.usage) priceAttemptRecord(attempt, outcome.usage, { fallbackRate, estimated });
  endAttemptSpan(served.span, attempt, served.result);
  served.settleBudgets();
  recordOutcome(
    breaker,
    Date.now(),
    classifyFailure({
      errorKind: outcome.error.errorKind,
      status: outcome.error.status,
      // The client already has part of the answer: a cut stream can only be reported, not retried.
      clientSawBytes: true,
    }),
  );
}
