import type { BudgetAction, BudgetPeriod, BudgetScope } from '../budget/budget.definition.js';
import type { MicroUsdString } from '../money/micro-usd.codec.js';
import type { UtcTimestamp } from '../time/utc-time.js';

/** Current state of each budget, on the compacted `kt.budget-state.v1`, keyed by `budget_id`. */
export const BUDGET_STATE_SCHEMA = 'kt.budget-state.v1';

export const BUDGET_STATUSES = ['ok', 'warning', 'exhausted'] as const;
export type BudgetStatus = (typeof BUDGET_STATUSES)[number];

export interface BudgetState {
  readonly schema: typeof BUDGET_STATE_SCHEMA;
  readonly type: 'budget.state';
  readonly budget_id: string;
  readonly scope: BudgetScope;
  readonly period: BudgetPeriod;
  readonly action: BudgetAction;
  readonly window_start: UtcTimestamp;
  /** Exclusive end of the window; null exactly when `period` is `total`. */
  readonly window_end: UtcTimestamp | null;
  readonly limit_micro_usd: MicroUsdString;
  readonly spent_micro_usd: MicroUsdString;
  /** limit − spent; negative once the budget is overspent. */
  readonly remaining_micro_usd: MicroUsdString;
  /** spent / limit × 100; may exceed 100. */
  readonly utilisation_pct: number;
  readonly status: BudgetStatus;
  readonly updated_at: UtcTimestamp;
  /** True for a deleted budget; a null record value (tombstone) means the same. */
  readonly deleted: boolean;
}

/** A budget-state record: the state, or null for a tombstone on the compacted topic. */
export type BudgetStateRecord = BudgetState | null;
