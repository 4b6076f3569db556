import type { MicroUsdString } from '../money/micro-usd.codec.js';
import type { UtcTimestamp } from '../time/utc-time.js';

export const BUDGET_SCOPE_KINDS = ['provider', 'target', 'group', 'team', 'key', 'global'] as const;
export type BudgetScopeKind = (typeof BUDGET_SCOPE_KINDS)[number];

/** What a budget counts: one provider, target, group, team or key, or everything (`global`). */
export type BudgetScope =
  | { readonly kind: 'global'; readonly value: null }
  | { readonly kind: Exclude<BudgetScopeKind, 'global'>; readonly value: string };

export const BUDGET_PERIODS = ['daily', 'weekly', 'monthly', 'total'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];

/** `alert` only reports; `block` makes the gateway refuse requests once the budget is exhausted. */
export const BUDGET_ACTIONS = ['alert', 'block'] as const;
export type BudgetAction = (typeof BUDGET_ACTIONS)[number];

/** Used when a definition arrives without `thresholds_pct`. */
export const DEFAULT_THRESHOLDS_PCT: readonly number[] = Object.freeze([50, 80, 100]);

export interface BudgetDefinition {
  readonly budget_id: string;
  readonly scope: BudgetScope;
  readonly period: BudgetPeriod;
  readonly limit_micro_usd: MicroUsdString;
  /** Integers 1..100, strictly ascending. */
  readonly thresholds_pct: readonly number[];
  readonly action: BudgetAction;
  readonly name?: string;
}

/** A budget period's time range, `end` exclusive; `end` is null for a `total` budget. */
export interface BudgetWindow {
  readonly start: UtcTimestamp;
  readonly end: UtcTimestamp | null;
}
