import { setTimeout as sleep } from 'node:timers/promises';
import type { ModelGroup, Target } from '@kt/pack';
import {
  UpstreamError,
  type ProviderAdapter,
  type ProviderAdapters,
  type UpstreamTimeouts,
} from '@kt/providers';
import {
  backoffDelay,
  classifyFailure,
  recordOutcome,
  shouldFallBack,
  type AttemptPlan,
  type CircuitBreaker,
} from '@kt/routing';
import { startUpstreamSpan } from '@kt/telemetry';
import type { AttemptReservations } from '../budgets/attempt.reservations.js';
import type { RouteRecord } from '../events/route.record.js';
import type { PackRuntime } from '../runtime/pack.runtime.js';
import type { TargetStats } from '../state/target.stats.js';
import type { AttemptCall } from './attempt.call.js';
import { settleSuccess } from './attempt.settlement.js';
import { endAttemptSpan } from './attempt.span.js';
import { clientFacing, exhausted } from './route.refusals.js';
import { CLIENT_GONE, type Routed } from './served.js';

/** One request's attempts as the loop sees them: its plan, and where its budgets are held. */
export interface AttemptRun<R> {
  readonly plan: AttemptPlan<Target, ModelGroup>;
  readonly runtime: PackRuntime;
  readonly record: RouteRecord;
  readonly signal: AbortSignal;
  readonly call: AttemptCall<R>;
  readonly settleBudgets: () => void;
  readonly reservations: AttemptReservations | undefined;
}

/**
 * Tries each planned target in order, with retries and backoff on the same target while that helps,
 * falling back while the pack's triggers allow it: call, classify, fall back. Every attempt is
 * written into the route record with its cost, priced from the price in force now. Failures are
 * results; only a defect (an adapter throwing something that is not an UpstreamError) throws.
 */
export async function runAttempts<R extends { readonly status: number }>(
  run: AttemptRun<R>,
  adapters: ProviderAdapters,
  timeouts: UpstreamTimeouts,
  stats: TargetStats,
): Promise<Routed<R>> {
  const { plan, runtime, record, signal, call, reservations } = run;
  const { fallback, pricing } = runtime.pack;
  const failures: UpstreamError[] = [];
  let tried = 0; // attempts sent upstream, numbering the attempt spans
  for (const [index, target] of plan.attempts.entries()) {
    const breaker: CircuitBreaker = runtime.breakers.get(target.id);
    // The first target was reserved while planning; a later one when the request falls back to it.
    const reserving =
      reservations && index > 0 && breaker.allowsRequest(Date.now()) ? reservations.enter(target) : undefined;
    // This instance's share of the target's budget ran out and the ledger grants no more: skip it.
    if (reserving && (await reserving)) continue;
    if (!breaker.tryAcquire(Date.now())) {
      reservations?.settle(0n);
      record.skip(target);
      continue;
    }
    const adapter = adapters.get(target.vendor);
    const first = record.attempts.length;
    for (let retry = 0; ; retry++) {
      const attempt = record.attempt(target);
      const span = startUpstreamSpan(call.kind, target, plan.group.name, ++tried);
      const began = performance.now();
      stats.begin(target.id);
      try {
        const result = await invoke(adapter, call, target, runtime, signal, timeouts);
        const elapsed = performance.now() - began;
        record.waited(elapsed);
        attempt.latencyMs = elapsed;
        attempt.status = result.status;
        if (call.streaming) {
          attempt.ttftMs = elapsed;
        } else {
          stats.end(target.id);
          settleSuccess(stats, attempt, breaker, call.usage(result), { fallbackRate: pricing.fallbackRate });
          endAttemptSpan(span, attempt, result);
        }
        record.serve(attempt);
        return {
          ok: true,
          result,
          target,
          attempt,
          breaker,
          runtime,
          settleBudgets: run.settleBudgets,
          span,
        };
      } catch (error) {
        stats.end(target.id);
        if (!(error instanceof UpstreamError)) {
          endAttemptSpan(span, { ...attempt, errorKind: 'internal' });
          throw error;
        }
        const elapsed = performance.now() - began;
        record.waited(elapsed);
        attempt.latencyMs = elapsed;
        attempt.status = error.status;
        attempt.errorKind = error.errorKind;
        endAttemptSpan(span, attempt);
        failures.push(error);
        const failure = classifyFailure(error);
        recordOutcome(breaker, Date.now(), failure);
        if (error.errorKind === 'aborted' || signal.aborted) return { ok: false, failure: CLIENT_GONE };
        if (failure.retryable && retry < fallback.retry.maxRetries) {
          const delay = backoffDelay(retry + 1, {
            baseDelayMs: fallback.retry.baseDelayMs,
            maxDelayMs: fallback.retry.maxDelayMs,
            retryAfterMs: error.retryAfterMs ?? undefined,
            random: Math.random,
          });
          if (delay !== 'skip') {
            await sleep(delay, undefined, { signal }).catch(() => undefined);
            record.waited(delay);
            if (signal.aborted) return { ok: false, failure: CLIENT_GONE };
            if (breaker.tryAcquire(Date.now())) continue;
          }
        }
        if (!shouldFallBack(failure, fallback.triggers)) {
          return { ok: false, failure: clientFacing(error, record.attempts) };
        }
        // Falling back: the ledger books nothing of this target's failed attempts against it.
        reservations?.settle(record.costSince(first));
        break;
      }
    }
  }
  return { ok: false, failure: exhausted(failures, record.attempts) };
}

function invoke<R>(
  adapter: ProviderAdapter | undefined,
  call: AttemptCall<R>,
  target: Target,
  runtime: PackRuntime,
  signal: AbortSignal,
  timeouts: UpstreamTimeouts,
): Promise<R> {
  if (!adapter) {
    return Promise.reject(new UpstreamError('client_error', `no adapter for vendor ${target.vendor}`));
  }
  return call.invoke(adapter, { target, apiKey: runtime.apiKey(target), signal, timeouts });
}
