import type { MicroUsdString } from '../money/micro-usd.codec.js';
import type { UtcTimestamp } from '../time/utc-time.js';
import type { BudgetAction, BudgetDefinition, BudgetWindow } from './budget.definition.js';

/** Budget lifecycle facts, on `kt.budget-events.v1`, keyed by `budget_id`. */
export const BUDGET_SCHEMA = 'kt.budget.v1';

export const BUDGET_EVENT_TYPES = [
  'budget.defined',
  'budget.updated',
  'budget.deleted',
  'budget.threshold_crossed',
  'budget.exhausted',
  'budget.reset',
] as const;
export type BudgetEventType = (typeof BUDGET_EVENT_TYPES)[number];

interface BudgetEventFacts {
  readonly schema: typeof BUDGET_SCHEMA;
  readonly event_id: string;
  readonly occurred_at: UtcTimestamp;
  readonly budget_id: string;
}

/** A budget was created through the admin API; the definition's fields sit at the top level. */
export interface BudgetDefined extends BudgetEventFacts, BudgetDefinition {
  readonly type: 'budget.defined';
}

/** A budget was changed; carries the whole definition after the change, not a patch. */
export interface BudgetUpdated extends BudgetEventFacts, BudgetDefinition {
  readonly type: 'budget.updated';
}

export interface BudgetDeleted extends BudgetEventFacts {
  readonly type: 'budget.deleted';
}

export interface BudgetThresholdCrossed extends BudgetEventFacts {
  readonly type: 'budget.threshold_crossed';
  readonly threshold_pct: number;
  readonly spent_micro_usd: MicroUsdString;
  readonly limit_micro_usd: MicroUsdString;
  readonly window: BudgetWindow;
}

export interface BudgetExhausted extends BudgetEventFacts {
  readonly type: 'budget.exhausted';
  readonly spent_micro_usd: MicroUsdString;
  readonly limit_micro_usd: MicroUsdString;
  readonly window: BudgetWindow;
  readonly action: BudgetAction;
}

/** The period rolled over: spend starts again from zero in `window`. */
export interface BudgetReset extends BudgetEventFacts {
  readonly type: 'budget.reset';
  readonly previous_window: BudgetWindow;
  readonly previous_spent_micro_usd: MicroUsdString;
  readonly window: BudgetWindow;
}

export type BudgetEvent =
  BudgetDefined | BudgetUpdated | BudgetDeleted | BudgetThresholdCrossed | BudgetExhausted | BudgetReset;
