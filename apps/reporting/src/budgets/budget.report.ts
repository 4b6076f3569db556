import type { BudgetDefinition, BudgetStatus } from '@kt/contracts';
import type { WindowRange } from '@kt/spend';
import { ratioString } from '../shared/decimal.format.js';

/** Traffic in the budget's scope and window that `spent` could not count at its true price. */
export interface BudgetPriceFlags {
  /** Requests that used tokens no price covered: `spent` holds $0 for them. */
  readonly unpriced_requests?: string;
  /** Their input + output tokens. */
  readonly unpriced_tokens?: string;
  /** Requests priced from kt's own token count (the upstream never reported usage). */
  readonly estimated_requests?: string;
}

/** A budget as finance sees it; names follow the ledger's own budget view where they exist. */
export interface BudgetReport extends BudgetPriceFlags {
  readonly id: string;
  readonly budget_id: string;
  readonly name: string | null;
  readonly scope: BudgetDefinition['scope']['kind'];
  readonly scope_value: string | null;
  readonly period: BudgetDefinition['period'];
  readonly action: BudgetDefinition['action'];
  readonly thresholds_pct: readonly number[];
  readonly limit_micro_usd: string;
  readonly spent_micro_usd: string;
  readonly remaining_micro_usd: string;
  readonly utilisation: string;
  readonly status: BudgetStatus;
  readonly window_start: string;
  readonly window_end: string | null;
  readonly forecast_micro_usd: string | null;
  readonly forecast_utilisation: string | null;
}

/**
 * The report of one budget at `nowMs` given its spend in the current window. Status follows the
 * ledger (exhausted at the limit, warning once a threshold is reached); the forecast extends the
 * spend so far in a straight line to the window's end (none for a `total` budget).
 */
export function reportBudget(
  definition: BudgetDefinition,
  window: WindowRange,
  spent: bigint,
  nowMs: number,
): BudgetReport {
  const limit = BigInt(definition.limit_micro_usd);
  const reached = definition.thresholds_pct.some((pct) => spent * 100n >= limit * BigInt(pct));
  const status: BudgetStatus = spent >= limit ? 'exhausted' : reached ? 'warning' : 'ok';
  const forecast = forecastAt(window, spent, nowMs);
  return {
    id: definition.budget_id,
    budget_id: definition.budget_id,
    name: definition.name ?? null,
    scope: definition.scope.kind,
    scope_value: definition.scope.value,
    period: definition.period,
    action: definition.action,
    thresholds_pct: definition.thresholds_pct,
    limit_micro_usd: limit.toString(),
    spent_micro_usd: spent.toString(),
    remaining_micro_usd: (limit - spent).toString(),
    utilisation: ratioString(spent, limit, 4, 'floor'),
    status,
    window_start: new Date(window.startMs).toISOString(),
    window_end: window.endMs === null ? null : new Date(window.endMs).toISOString(),
    forecast_micro_usd: forecast === null ? null : forecast.toString(),
    forecast_utilisation: forecast === null ? null : ratioString(forecast, limit, 4, 'floor'),
  };
}

function forecastAt(window: WindowRange, spent: bigint, nowMs: number): bigint | null {
  if (window.endMs === null) return null;
  const length = BigInt(window.endMs - window.startMs);
  const elapsed = BigInt(Math.min(Math.max(nowMs - window.startMs, 1), window.endMs - window.startMs));
  return (spent * length) / elapsed;
}
