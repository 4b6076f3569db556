import { toUtcTimestamp } from '@kt/contracts';
import type { Pack } from '@kt/pack';
import type { BreakerState, CircuitBreakerRegistry, LatencyStats } from '@kt/routing';
import type { BudgetedTarget, TargetBudgetStatus } from '../state/budget.view.js';
import type { TargetHealth } from '../state/target.health.js';

/** One row of `GET /v1/targets`. */
export interface TargetView {
  readonly id: string;
  readonly provider: string;
  readonly model: string;
  readonly kind: string;
  readonly groups: readonly string[];
  /** False when its provider key is not configured. */
  readonly available: boolean;
  /** The last probe verdict heard; null before any. */
  readonly health: {
    readonly ok: boolean;
    readonly at: string;
    readonly latency_ms: number;
    readonly error_kind: string | null;
    readonly source: string;
  } | null;
  readonly breaker: { readonly state: BreakerState; readonly open_until: string | null };
  /** Probe and live latencies over the pack's window. */
  readonly latency: {
    readonly count: number;
    readonly p50_ms: number | null;
    readonly p95_ms: number | null;
  };
  readonly in_flight: number;
  /** Worst status of the provider and target budgets covering it; `none` when no budget does. */
  readonly budget: TargetBudgetStatus;
  readonly data_policy: {
    readonly zero_data_retention: boolean;
    readonly training_opt_out: boolean;
    readonly retention_days: number | null;
  };
}

export interface TargetsView {
  readonly pack: { readonly name: string; readonly version: string };
  readonly window_seconds: number;
  readonly at: string;
  readonly targets: readonly TargetView[];
}

export interface TargetsSources {
  readonly pack: Pack;
  readonly breakers: CircuitBreakerRegistry;
  readonly health: TargetHealth;
  readonly latency: LatencyStats;
  readonly inFlight: (targetId: string) => number;
  readonly budgets: { targetStatus(target: BudgetedTarget): TargetBudgetStatus };
}

/** What this gateway knows of every target of the pack in force, for operators and `kt targets`. */
export function targetsView(from: TargetsSources, nowMs: number): TargetsView {
  const windowMs = from.pack.routing.windowSeconds * 1000;
  const targets = from.pack.targets.map((target): TargetView => {
    const breaker = from.breakers.get(target.id);
    const health = from.health.last(target.id);
    const latency = from.latency.stats(target.id, nowMs, windowMs);
    const openUntil = breaker.openUntilMs(nowMs);
    return {
      id: target.id,
      provider: target.vendor,
      model: target.model,
      kind: target.kind,
      groups: from.pack.groups.filter((g) => g.targets.includes(target.id)).map((g) => g.name),
      available: target.available,
      health: health
        ? {
            ok: health.ok,
            at: toUtcTimestamp(health.atMs),
            latency_ms: Math.round(health.latencyMs),
            error_kind: health.errorKind,
            source: health.source,
          }
        : null,
      breaker: {
        // A target whose probes fail is treated as open, whatever live traffic has shown.
        state: health?.ok === false ? 'open' : breaker.state(nowMs),
        open_until: openUntil === undefined ? null : toUtcTimestamp(openUntil),
      },
      latency: {
        count: latency.count,
        p50_ms: latency.count > 0 ? Math.round(latency.p50) : null,
        p95_ms: latency.count > 0 ? Math.round(latency.p95) : null,
      },
      in_flight: from.inFlight(target.id),
      budget: from.budgets.targetStatus(target),
      data_policy: {
        zero_data_retention: target.dataPolicy.zeroDataRetention,
        training_opt_out: target.dataPolicy.trainingOptOut,
        retention_days: target.dataPolicy.retentionDays ?? null,
      },
    };
  });
  return {
    pack: { name: from.pack.name, version: from.pack.version },
    window_seconds: from.pack.routing.windowSeconds,
    at: toUtcTimestamp(nowMs),
    targets,
  };
}
