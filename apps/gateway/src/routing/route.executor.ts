import { Inject, Injectable } from '@nestjs/common';
import type { ProviderAdapters } from '@kt/providers';
import { BudgetView } from '../state/budget.view.js';
import type { RouteRecord } from '../events/route.record.js';
import { TargetHealth } from '../state/target.health.js';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../runtime/gateway.settings.js';
import type { PackRuntime } from '../runtime/pack.runtime.js';
import { TargetStats } from '../state/target.stats.js';
import type { AttemptCall } from './attempt.call.js';
import { runAttempts } from './attempt.loop.js';
import { settleStream, type StreamOutcome } from './attempt.settlement.js';
import { PROVIDER_ADAPTERS } from '../runtime/provider-adapters.token.js';
import { RouteAdmission } from './route.admission.js';
import type { RouteOptions } from './route.options.js';
import type { Routed, Served } from './served.js';

const NOTHING_TO_SETTLE = (): void => undefined;

/**
 * One request's way through routing: plan (pure), admit (the budget gate), the attempt loop. What it
 * comes to is a typed result: served, refused, or the client gone; the HTTP edge answers it.
 */
@Injectable()
export class RouteExecutor {
  constructor(
    private readonly admission: RouteAdmission,
    private readonly stats: TargetStats,
    private readonly health: TargetHealth,
    private readonly budgets: BudgetView,
    @Inject(PROVIDER_ADAPTERS) private readonly adapters: ProviderAdapters,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {}

  async run<R extends { readonly status: number }>(
    runtime: PackRuntime,
    record: RouteRecord,
    model: string,
    signal: AbortSignal,
    call: AttemptCall<R>,
    options: RouteOptions = {},
  ): Promise<Routed<R>> {
    const admitting = this.admission.admit(
      {
        runtime,
        model,
        kind: call.kind,
        options,
        caller: record.caller,
        budgets: this.budgets,
        health: this.health,
        stats: this.stats,
        nowMs: Date.now(),
        random: Math.random,
      },
      call.usageBound,
    );
    // Without a ledger the admission is synchronous: no extra hop per request.
    const admitted = admitting instanceof Promise ? await admitting : admitting;
    const { planned } = admitted;
    if (planned) record.planned(planned.group, planned.strategy, planned.circuitOpen, planned.nowMs);
    if (!admitted.ok) return { ok: false, failure: admitted.refusal };
    const { reservations, settle } = admitted;
    // Without a ledger nothing is held: no closure, and no summing of the attempts' cost, per request.
    const settleBudgets =
      settle === undefined && reservations === undefined
        ? NOTHING_TO_SETTLE
        : (): void => {
            const cost = record.costSince();
            settle?.(cost);
            reservations?.settle(cost);
          };
    const run = { plan: admitted.plan, runtime, record, signal, call, settleBudgets, reservations };
    let routed: Routed<R>;
    try {
      routed = await runAttempts(run, this.adapters, this.settings.timeouts, this.stats);
    } catch (error) {
      settleBudgets();
      throw error;
    }
    if (!routed.ok || !call.streaming) settleBudgets();
    return routed;
  }

  /** Settles a streamed answer once it has been read to the end (or broke, or the client left). */
  settleStream(served: Served<unknown>, outcome: StreamOutcome): void {
    settleStream(this.stats, served, outcome);
  }
}
