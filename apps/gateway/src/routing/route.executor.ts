import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { ModelGroup, Target } from '@kt/pack';
import { catalogPrice, priceAttempt } from '@kt/pricing';
import {
  UpstreamError,
  type ProviderAdapter,
  type ProviderAdapters,
  type TokenUsage,
  type UpstreamCall,
} from '@kt/providers';
import {
  backoffDelay,
  classifyFailure,
  planAttempts,
  recordOutcome,
  shouldFallBack,
  type AttemptPlan,
  type CircuitBreaker,
  type UnavailableReason,
} from '@kt/routing';
import { GatewayError, type AttemptSummary } from '../errors/gateway.error.js';
import type { AttemptRecord, RouteRecord } from '../events/route.record.js';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../runtime/gateway.settings.js';
import { GatewayRuntime } from '../runtime/gateway.runtime.js';
import type { PackRuntime } from '../runtime/pack.runtime.js';
import { toRoutingFailure } from './upstream-failure.map.js';

export const PROVIDER_ADAPTERS = Symbol('kt.gateway.provider-adapters');

/** How one endpoint calls a target, and reads the usage of what came back. */
export interface AttemptCall<R> {
  readonly kind: 'chat' | 'embeddings';
  readonly streaming: boolean;
  invoke(adapter: ProviderAdapter, call: Omit<UpstreamCall<never>, 'body'>): Promise<R>;
  usage(result: R): TokenUsage | null;
}

/** A target answered; for a stream, the answer is still to be read and settled with `settleStream`. */
export interface Served<R> {
  readonly result: R;
  readonly target: Target;
  readonly attempt: AttemptRecord;
  readonly breaker: CircuitBreaker;
  readonly runtime: PackRuntime;
}

/** The client went away while kt was still trying: nothing is answered, the event still records it. */
export class ClientGoneError extends Error {}

/**
 * Runs one request's attempts: plan, then each target in order with retries and backoff on the same
 * target while that helps, falling back while the pack's triggers allow it. Every attempt is written
 * into the route record with its cost, priced from the price in force now.
 */
@Injectable()
export class RouteExecutor {
  constructor(
    private readonly gateway: GatewayRuntime,
    @Inject(PROVIDER_ADAPTERS) private readonly adapters: ProviderAdapters,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {}

  async run<R extends { readonly status: number }>(
    runtime: PackRuntime,
    record: RouteRecord,
    model: string,
    signal: AbortSignal,
    call: AttemptCall<R>,
  ): Promise<Served<R>> {
    const plan = this.plan(runtime, record, model, call.kind);
    const { fallback } = runtime.pack;
    const failures: UpstreamError[] = [];
    for (const target of plan.attempts) {
      const breaker = runtime.breakers.get(target.id);
      if (!breaker.tryAcquire(Date.now())) {
        record.attempts.push(this.skippedAttempt(target));
        continue;
      }
      const adapter = this.adapters.get(target.vendor);
      for (let retry = 0; ; retry++) {
        const attempt = this.newAttempt(target);
        record.attempts.push(attempt);
        const began = performance.now();
        this.gateway.stats.begin(target.id);
        try {
          const result = await this.invoke(adapter, call, target, runtime, signal);
          const elapsed = performance.now() - began;
          record.upstreamMs += elapsed;
          attempt.latencyMs = elapsed;
          attempt.status = result.status;
          if (call.streaming) {
            attempt.ttftMs = elapsed;
          } else {
            this.gateway.stats.end(target.id);
            this.settleSuccess(attempt, breaker, call.usage(result));
          }
          record.served = attempt;
          return { result, target, attempt, breaker, runtime };
        } catch (error) {
          this.gateway.stats.end(target.id);
          if (!(error instanceof UpstreamError)) throw error;
          const elapsed = performance.now() - began;
          record.upstreamMs += elapsed;
          attempt.latencyMs = elapsed;
          attempt.status = error.status;
          attempt.errorKind = error.errorKind;
          failures.push(error);
          const failure = classifyFailure(toRoutingFailure(error, false));
          recordOutcome(breaker, Date.now(), failure);
          if (error.errorKind === 'aborted' || signal.aborted) throw new ClientGoneError();
          if (failure.retryable && retry < fallback.retry.maxRetries) {
            const delay = backoffDelay(retry + 1, {
              baseDelayMs: fallback.retry.baseDelayMs,
              maxDelayMs: fallback.retry.maxDelayMs,
              retryAfterMs: error.retryAfterMs ?? undefined,
              random: Math.random,
            });
            if (delay !== 'skip') {
              await sleep(delay, undefined, { signal }).catch(() => undefined);
              record.upstreamMs += delay;
              if (signal.aborted) throw new ClientGoneError();
              if (breaker.tryAcquire(Date.now())) continue;
            }
          }
          if (!shouldFallBack(failure, fallback.triggers)) throw clientFacing(error, record);
          break;
        }
      }
    }
    throw exhausted(failures, record);
  }

  /** Settles a streamed answer once it has been read to the end (or broke, or the client left). */
  settleStream(
    served: Served<unknown>,
    outcome: { usage: TokenUsage | null; error?: UpstreamError; durationMs: number },
  ): void {
    const { attempt, breaker, target } = served;
    this.gateway.stats.end(target.id);
    attempt.latencyMs = outcome.durationMs;
    if (!outcome.error) {
      this.settleSuccess(attempt, breaker, outcome.usage, attempt.ttftMs ?? outcome.durationMs);
      return;
    }
    attempt.errorKind = outcome.error.errorKind;
    attempt.usage = outcome.usage;
    if (outcome.usage) this.price(attempt, outcome.usage);
    recordOutcome(breaker, Date.now(), classifyFailure(toRoutingFailure(outcome.error, true)));
  }

  private plan(
    runtime: PackRuntime,
    record: RouteRecord,
    model: string,
    kind: 'chat' | 'embeddings',
  ): AttemptPlan<Target, ModelGroup> {
    const nowMs = Date.now();
    const stats = this.gateway.stats;
    const plan = planAttempts(runtime.table, model, {
      nowMs,
      random: Math.random,
      inFlight: stats.inFlight,
      latency: stats.latency,
      throughput: stats.throughput,
      // lowest_cost ranks by the pack's price, else the catalog's, as the request would be billed.
      priceOf: (routable) => {
        const target = runtime.pack.targetsById.get(routable.id);
        return target?.pricing ?? (target && catalogPrice(target.vendor, target.model));
      },
      isAvailable: (target) => availability(target, runtime.breakers.get(target.id), nowMs),
    });
    if (!plan) {
      throw new GatewayError(
        'model_not_found',
        `The model "${model}" does not exist here. Available models: ${runtime.modelNames.join(', ')}`,
        { param: 'model' },
      );
    }
    record.group = plan.group.name;
    record.strategy = plan.strategy;
    // Targets passed over because their breaker is open show in the event and the error summary.
    for (const skipped of plan.skipped) {
      if (skipped.reason === 'circuit_open') record.attempts.push(this.skippedAttempt(skipped.target));
    }
    const groupKind = runtime.pack.targetsById.get(plan.group.targets[0] ?? '')?.kind;
    if (groupKind !== undefined && groupKind !== kind) {
      throw new GatewayError(
        'invalid_request_error',
        `The model "${model}" is a ${groupKind} model group and cannot serve ${kind === 'chat' ? 'chat completions' : 'embeddings'}`,
        { param: 'model' },
      );
    }
    if (plan.attempts.length === 0) {
      const reasons = plan.skipped.map((s) => `${s.target.id}: ${describe(s.reason)}`).join('; ');
      throw new GatewayError('no_healthy_target', `No target can serve "${model}" right now (${reasons})`);
    }
    return plan;
  }

  private invoke<R>(
    adapter: ProviderAdapter | undefined,
    call: AttemptCall<R>,
    target: Target,
    runtime: PackRuntime,
    signal: AbortSignal,
  ): Promise<R> {
    if (!adapter) {
      return Promise.reject(new UpstreamError('client_error', `no adapter for vendor ${target.vendor}`));
    }
    return call.invoke(adapter, {
      target,
      apiKey: runtime.apiKey(target),
      signal,
      timeouts: this.settings.timeouts,
    });
  }

  private newAttempt(target: Target): AttemptRecord {
    return {
      target,
      startedAtMs: Date.now(),
      upstreamModel: target.model,
      latencyMs: 0,
      ttftMs: null,
      status: 0,
      errorKind: null,
      usage: null,
      costMicroUsd: 0n,
      pricedBy: 'unpriced',
    };
  }

  private skippedAttempt(target: Target): AttemptRecord {
    return { ...this.newAttempt(target), errorKind: 'circuit_open' };
  }

  private settleSuccess(
    attempt: AttemptRecord,
    breaker: CircuitBreaker,
    usage: TokenUsage | null,
    latencyMs = attempt.latencyMs,
  ): void {
    const nowMs = Date.now();
    recordOutcome(breaker, nowMs);
    attempt.usage = usage;
    this.price(attempt, usage ?? { inputTokens: 0, outputTokens: 0 });
    this.gateway.stats.recordSuccess(
      attempt.target.id,
      latencyMs,
      usage?.outputTokens ?? 0,
      attempt.latencyMs,
      nowMs,
    );
  }

  private price(attempt: AttemptRecord, usage: TokenUsage): void {
    const price = priceAttempt({
      pricing: attempt.target.pricing,
      vendor: attempt.target.vendor,
      upstreamModel: attempt.upstreamModel,
      usage: {
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        cachedInputTokens: usage.cacheReadTokens,
        cacheWriteInputTokens: usage.cacheWriteTokens,
      },
    });
    attempt.costMicroUsd = price.microUsd;
    attempt.pricedBy = price.pricedBy;
  }
}

function availability(target: Target, breaker: CircuitBreaker, nowMs: number): true | UnavailableReason {
  if (!target.available) return 'missing_secret';
  if (!breaker.allowsRequest(nowMs)) return 'circuit_open';
  return true;
}

function describe(reason: UnavailableReason): string {
  switch (reason) {
    case 'missing_secret':
      return 'its provider key is not configured';
    case 'circuit_open':
      return 'circuit open';
    case 'budget_blocked':
      return 'blocked by a budget';
    case 'data_policy':
      return 'does not meet the data policy';
  }
}

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
function clientFacing(error: UpstreamError, record: RouteRecord): GatewayError {
  if (error.errorKind === 'client_error') {
    const status = error.status >= 400 && error.status < 500 ? error.status : 400;
    const message = error.body?.error?.message ?? error.message;
    return new GatewayError('invalid_request_error', message, { status, attempts: summary(record) });
  }
  return exhausted([error], record);
}

function exhausted(failures: readonly UpstreamError[], record: RouteRecord): GatewayError {
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
