import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { ModelGroup, Target } from '@kt/pack';
import { resolveTargetPrice } from '@kt/pricing';
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
} from '@kt/routing';
import { annotateRequestSpan, KT_ATTR, startUpstreamSpan, type Span } from '@kt/telemetry';
import { BudgetLeases } from '../budgets/budget-leases.service.js';
import { refuseIfBlocked } from '../budgets/budget.refusal.js';
import type { AttemptReservations } from '../budgets/attempt.reservations.js';
import type { BlockingBudget } from '../budgets/budget.view.js';
import { UnpricedRefusals, withFallbackRate } from '../budgets/unpriced.refusals.js';
import type { UsageBound } from '../budgets/usage.bound.js';
import { GatewayError } from '../errors/gateway.error.js';
import type { AttemptRecord, RouteRecord } from '../events/route.record.js';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../runtime/gateway.settings.js';
import { GatewayRuntime } from '../runtime/gateway.runtime.js';
import type { PackRuntime } from '../runtime/pack.runtime.js';
import { describeRequirement, type DataPolicyRequirement } from './data-policy.requirement.js';
import { priceAttemptRecord, type AttemptPricing } from './attempt.pricing.js';
import { endAttemptSpan } from './attempt.span.js';
import { availability, describe, requestRequirement } from './target.availability.js';
import { PROVIDER_ADAPTERS } from './provider-adapters.token.js';
import { clientFacing, exhausted } from './route.failures.js';
import { toRoutingFailure } from './upstream-failure.map.js';

export { PROVIDER_ADAPTERS } from './provider-adapters.token.js';

/** How one endpoint calls a target, and reads the usage of what came back. */
export interface AttemptCall<R> {
  readonly kind: 'chat' | 'embeddings';
  readonly streaming: boolean;
  /** The most tokens the request can be billed for: what block budgets' leases reserve. */
  readonly usageBound: UsageBound;
  invoke(adapter: ProviderAdapter, call: Omit<UpstreamCall<never>, 'body'>): Promise<R>;
  usage(result: R): TokenUsage | null;
}

/** What the request itself asks of routing. */
export interface RouteOptions {
  /** From the `x-kt-data-policy` header; the group's own policy is added to it. */
  readonly dataPolicy?: DataPolicyRequirement;
  /** The prompt's semantic route (semantic groups only): a target to try first, or a group to plan with. */
  readonly semantic?: { readonly route: string; readonly target?: string; readonly group?: string };
}

/** A target answered; for a stream, the answer is still to be read and settled with `settleStream`. */
export interface Served<R> {
  readonly result: R;
  readonly target: Target;
  readonly attempt: AttemptRecord;
  readonly breaker: CircuitBreaker;
  readonly runtime: PackRuntime;
  /** Settles the request's budget reservations (a stream's, once it was read); idempotent. */
  readonly settleBudgets: () => void;
  /** The attempt's upstream span, still open for a stream (tracing on only). */
  readonly span?: Span;
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
    private readonly leases: BudgetLeases,
  ) {}

  async run<R extends { readonly status: number }>(
    runtime: PackRuntime,
    record: RouteRecord,
    model: string,
    signal: AbortSignal,
    call: AttemptCall<R>,
    options: RouteOptions = {},
  ): Promise<Served<R>> {
    // Provider and target block budgets: each target reserves one attempt's maximum cost as it is tried.
    const { pricing } = runtime.pack;
    const reservations = this.leases.attemptReservations(this.gateway.budgets, call.usageBound, pricing);
    // Without provider/target block budgets, planning stays synchronous: no promise per request.
    const plan = reservations
      ? await this.planReserved(runtime, record, model, call.kind, options, reservations)
      : this.plan(runtime, record, model, call.kind, options);
    annotateRequestSpan(KT_ATTR.group, plan.group.name);
    // Request-wide block budgets: reserve the most this request can cost against this instance's lease.
    const admission = await this.leases.admit(
      this.gateway.budgets.requestBlockBudgets({
        team: record.caller?.team,
        keyId: record.caller?.key_id,
        group: plan.group.name,
      }),
      plan.attempts,
      call.usageBound,
      pricing,
    );
    if (!admission.ok) {
      reservations?.settle(0n);
      refuseIfBlocked(admission.budget, 'has no headroom left for this request');
    }
    const settleBudgets = (): void => {
      const cost = record.attempts.reduce((sum, a) => sum + a.costMicroUsd, 0n);
      if (admission.ok) admission.settle(cost);
      reservations?.settle(cost);
    };
    try {
      const served = await this.runAttempts(plan, runtime, record, signal, call, settleBudgets, reservations);
      if (!call.streaming) settleBudgets();
      return served;
    } catch (error) {
      settleBudgets();
      throw error;
    }
  }

  private async runAttempts<R extends { readonly status: number }>(
    plan: AttemptPlan<Target, ModelGroup>,
    runtime: PackRuntime,
    record: RouteRecord,
    signal: AbortSignal,
    call: AttemptCall<R>,
    settleBudgets: () => void,
    reservations: AttemptReservations | undefined,
  ): Promise<Served<R>> {
    const { fallback, pricing } = runtime.pack;
    const failures: UpstreamError[] = [];
    let tried = 0; // attempts sent upstream, numbering the attempt spans
    for (const [index, target] of plan.attempts.entries()) {
      const breaker = runtime.breakers.get(target.id);
      // The first target was reserved while planning; a later one when the request falls back to it.
      const reserving =
        reservations && index > 0 && breaker.allowsRequest(Date.now())
          ? reservations.enter(target)
          : undefined;
      // This instance's share of the target's budget ran out and the ledger grants no more: skip it.
      if (reserving && (await reserving)) continue;
      if (!breaker.tryAcquire(Date.now())) {
        reservations?.settle(0n);
        record.attempts.push(this.skippedAttempt(target));
        continue;
      }
      const adapter = this.adapters.get(target.vendor);
      const first = record.attempts.length;
      for (let retry = 0; ; retry++) {
        const attempt = this.newAttempt(target);
        record.attempts.push(attempt);
        const span = startUpstreamSpan(call.kind, target, plan.group.name, ++tried);
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
            this.settleSuccess(attempt, breaker, call.usage(result), { fallbackRate: pricing.fallbackRate });
            endAttemptSpan(span, attempt, result);
          }
          record.served = attempt;
          return { result, target, attempt, breaker, runtime, settleBudgets, span };
        } catch (error) {
          this.gateway.stats.end(target.id);
          if (!(error instanceof UpstreamError)) {
            endAttemptSpan(span, { ...attempt, errorKind: 'internal' });
            throw error;
          }
          const elapsed = performance.now() - began;
          record.upstreamMs += elapsed;
          attempt.latencyMs = elapsed;
          attempt.status = error.status;
          attempt.errorKind = error.errorKind;
          endAttemptSpan(span, attempt);
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
          // Falling back: the ledger books nothing of this target's failed attempts against it.
          reservations?.settle(costSince(record, first));
          break;
        }
      }
    }
    throw exhausted(failures, record);
  }

  /** Settles a streamed answer once it has been read to the end (or broke, or the client left). */
  settleStream(
    served: Served<unknown>,
    outcome: { usage: TokenUsage | null; estimated?: boolean; error?: UpstreamError; durationMs: number },
  ): void {
    const { attempt, breaker, target } = served;
    const estimated = outcome.estimated === true;
    this.gateway.stats.end(target.id);
    attempt.latencyMs = outcome.durationMs;
    if (!outcome.error) {
      const fallbackRate = served.runtime.pack.pricing.fallbackRate;
      this.settleSuccess(
        attempt,
        breaker,
        outcome.usage,
        { fallbackRate, estimated },
        attempt.ttftMs ?? outcome.durationMs,
      );
      endAttemptSpan(served.span, attempt, served.result);
      served.settleBudgets();
      return;
    }
    attempt.errorKind = outcome.error.errorKind;
    attempt.usage = outcome.usage;
    if (outcome.usage) {
      priceAttemptRecord(attempt, outcome.usage, {
        fallbackRate: served.runtime.pack.pricing.fallbackRate,
        estimated,
      });
    }
    endAttemptSpan(served.span, attempt, served.result);
    served.settleBudgets();
    recordOutcome(breaker, Date.now(), classifyFailure(toRoutingFailure(outcome.error, true)));
  }

  /**
   * Plans, then reserves the first target's attempt on its provider/target block budgets. A target
   * whose lease is out (and the ledger grants no more) is planned around like an exhausted one, so
   * the strategy picks another; when none is left the answer is the budget's 402.
   */
  private async planReserved(
    runtime: PackRuntime,
    record: RouteRecord,
    model: string,
    kind: 'chat' | 'embeddings',
    options: RouteOptions,
    reservations: AttemptReservations,
  ): Promise<AttemptPlan<Target, ModelGroup>> {
    let plan = this.plan(runtime, record, model, kind, options);
    const leaseBlocked = new Map<string, BlockingBudget>();
    for (;;) {
      const first = plan.attempts[0]!;
      const reserving = reservations.enter(first);
      const refused = reserving && (await reserving);
      if (!refused) return plan;
      leaseBlocked.set(first.id, refused);
      record.attempts.length = 0; // the circuit-open skips the plan recorded come again
      plan = this.plan(runtime, record, model, kind, options, leaseBlocked);
    }
  }

  private plan(
    runtime: PackRuntime,
    record: RouteRecord,
    model: string,
    kind: 'chat' | 'embeddings',
    options: RouteOptions,
    leaseBlocked?: ReadonlyMap<string, BlockingBudget>,
  ): AttemptPlan<Target, ModelGroup> {
    const nowMs = Date.now();
    const stats = this.gateway.stats;
    const requirement = requestRequirement(runtime.pack, model, options);
    const health = this.gateway.health;
    const budgets = this.gateway.budgets;
    // Request-wide budgets refuse before anything is planned or sent upstream.
    refuseIfBlocked(budgets.requestBlock({ team: record.caller?.team, keyId: record.caller?.key_id }));
    const semantic = options.semantic;
    // Only when a budget is followed and the pack refuses unpriced targets: the usual request
    // (no budgets) allocates nothing for it.
    const unpriced =
      budgets.size === 0 || runtime.pack.pricing.unpricedUnderBlockBudget !== 'refuse'
        ? undefined
        : new UnpricedRefusals(
            budgets,
            runtime.pack.pricing,
            {
              team: record.caller?.team,
              keyId: record.caller?.key_id,
              group: runtime.table.byModel.get(semantic?.group ?? model)?.group.name,
            },
            new Date(nowMs),
          );
    const preferred = semantic?.target;
    const plan = planAttempts(runtime.table, semantic?.group ?? model, {
      nowMs,
      ...(preferred !== undefined && { prompt: semantic?.route ?? '', semanticRoute: () => [preferred] }),
      random: Math.random,
      inFlight: stats.inFlight,
      latency: stats.latency,
      throughput: stats.throughput,
      // lowest_cost ranks by the pack's price, else the catalog's, as the request would be billed.
      priceOf: (routable) => {
        const target = runtime.pack.targetsById.get(routable.id);
        return (
          target && resolveTargetPrice(withFallbackRate(target, runtime.pack.pricing), new Date(nowMs))?.price
        );
      },
      budgetHeadroom: (id) => {
        const target = runtime.pack.targetsById.get(id);
        return target && budgets.headroom(target);
      },
      isAvailable: (target) => {
        if (leaseBlocked?.has(target.id)) return 'budget_blocked';
        const verdict = availability(
          target,
          runtime.breakers.get(target.id),
          health,
          requirement,
          nowMs,
          budgets,
        );
        return verdict === true && unpriced?.refuses(target) === true ? 'budget_blocked' : verdict;
      },
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
    // Spend is attributed to the planned group, so that is the group whose budget applies.
    refuseIfBlocked(budgets.requestBlock({ group: plan.group.name }));
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
    if (
      plan.attempts.length === 0 &&
      plan.skipped.length > 0 &&
      plan.skipped.every((s) => s.reason === 'data_policy')
    ) {
      throw new GatewayError(
        'data_policy_violation',
        `No target of "${model}" meets the required data policy (${describeRequirement(requirement)}); nothing was sent upstream`,
      );
    }
    if (plan.attempts.length === 0) {
      const blocked = plan.skipped.filter((s) => s.reason === 'budget_blocked');
      // Only budgets (and data policy) stand in the way: waiting will not help, so 402 rather than 503.
      if (
        blocked.length > 0 &&
        plan.skipped.every((s) => s.reason === 'budget_blocked' || s.reason === 'data_policy')
      ) {
        refuseIfBlocked(
          blocked
            .map(
              (s) =>
                budgets.targetBlock(s.target) ??
                leaseBlocked?.get(s.target.id) ??
                unpriced?.refusal(s.target.id),
            )
            .find((b) => b !== undefined),
          leaseBlocked?.size ? 'has no headroom left for this request' : undefined,
        );
      }
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
    pricing: AttemptPricing,
    latencyMs = attempt.latencyMs,
  ): void {
    const nowMs = Date.now();
    recordOutcome(breaker, nowMs);
    attempt.usage = usage;
    priceAttemptRecord(attempt, usage ?? { inputTokens: 0, outputTokens: 0 }, pricing);
    this.gateway.stats.recordSuccess(
      attempt.target.id,
      latencyMs,
      usage?.outputTokens ?? 0,
      attempt.latencyMs,
      nowMs,
    );
  }
}

/** What the attempts recorded from index `first` on cost. */
function costSince(record: RouteRecord, first: number): bigint {
  let cost = 0n;
  for (let i = first; i < record.attempts.length; i++) cost += record.attempts[i]!.costMicroUsd;
  return cost;
}
