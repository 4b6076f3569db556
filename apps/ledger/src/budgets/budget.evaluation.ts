import {
  BUDGET_SCHEMA,
  BUDGET_STATE_SCHEMA,
  toMicroUsdString,
  toUtcTimestamp,
  type BudgetDefinition,
  type BudgetEvent,
  type BudgetState,
  type BudgetStatus,
  type BudgetWindow,
} from '@kt/contracts';
import type { WindowRange } from './budget.window.js';

/** What the ledger remembers about a budget's current window, stored with its state. */
export interface BudgetTracking {
  readonly window: WindowRange;
  readonly spent: bigint;
  /** Thresholds already announced in this window, ascending. */
  readonly crossed: readonly number[];
  readonly exhausted: boolean;
}

/** What was announced in a window: thresholds and whether the budget was exhausted. */
export interface Announced {
  readonly crossed: readonly number[];
  readonly exhausted: boolean;
}

export interface EvaluationInput {
  readonly definition: BudgetDefinition;
  /** The window containing `nowMs`. */
  readonly window: WindowRange;
  /** Spend matching the budget's scope inside `window`. */
  readonly spent: bigint;
  readonly previous: BudgetTracking | undefined;
  /** Crossings of this window already on the log (a database rebuilt from it has no tracking yet). */
  readonly logged?: Announced;
  readonly nowMs: number;
  readonly newEventId: () => string;
}

export interface Evaluation {
  readonly tracking: BudgetTracking;
  readonly state: BudgetState;
  /** Reset, threshold and exhausted facts to publish, in that order; empty when nothing was crossed. */
  readonly events: readonly BudgetEvent[];
}

/**
 * Decides a budget's state and which facts are new. Each threshold, and exhaustion, is announced at
 * most once per window, whatever spend or the limit do meanwhile; a new window (`budget.reset`) starts afresh.
 */
export function evaluateBudget(input: EvaluationInput): Evaluation {
  const { definition, window, spent, nowMs } = input;
  const limit = BigInt(definition.limit_micro_usd);
  const sameWindow = input.previous !== undefined && input.previous.window.startMs === window.startMs;
  const previous = sameWindow ? input.previous : undefined;
  const facts = (): Pick<BudgetEvent, 'schema' | 'event_id' | 'occurred_at' | 'budget_id'> => ({
    schema: BUDGET_SCHEMA,
    event_id: input.newEventId(),
    occurred_at: toUtcTimestamp(nowMs),
    budget_id: definition.budget_id,
  });
  const events: BudgetEvent[] = [];
  if (input.previous !== undefined && !sameWindow && window.startMs > input.previous.window.startMs) {
    events.push({
      ...facts(),
      type: 'budget.reset',
      previous_window: wireWindow(input.previous.window),
      previous_spent_micro_usd: toMicroUsdString(input.previous.spent),
      window: wireWindow(window),
    });
  }
  const crossed = definition.thresholds_pct.filter((pct) => reached(spent, limit, pct));
  const announced = new Set([...(previous?.crossed ?? []), ...(input.logged?.crossed ?? [])]);
  for (const pct of crossed) {
    if (announced.has(pct)) continue;
    events.push({
      ...facts(),
      type: 'budget.threshold_crossed',
      threshold_pct: pct,
      spent_micro_usd: toMicroUsdString(spent),
      limit_micro_usd: definition.limit_micro_usd,
      window: wireWindow(window),
    });
  }
  const exhausted = spent >= limit;
  const exhaustedBefore = previous?.exhausted === true || input.logged?.exhausted === true;
  if (exhausted && !exhaustedBefore) {
    events.push({
      ...facts(),
      type: 'budget.exhausted',
      spent_micro_usd: toMicroUsdString(spent),
      limit_micro_usd: definition.limit_micro_usd,
      window: wireWindow(window),
      action: definition.action,
    });
  }
  const status: BudgetStatus = exhausted ? 'exhausted' : crossed.length > 0 ? 'warning' : 'ok';
  return {
    tracking: {
      window,
      spent,
      crossed: [...new Set([...announced, ...crossed])].sort((a, b) => a - b),
      exhausted: exhausted || exhaustedBefore,
    },
    state: {
      schema: BUDGET_STATE_SCHEMA,
      type: 'budget.state',
      budget_id: definition.budget_id,
      scope: definition.scope,
      period: definition.period,
      action: definition.action,
      window_start: toUtcTimestamp(window.startMs),
      window_end: window.endMs === null ? null : toUtcTimestamp(window.endMs),
      limit_micro_usd: definition.limit_micro_usd,
      spent_micro_usd: toMicroUsdString(spent),
      remaining_micro_usd: toMicroUsdString(limit - spent),
      utilisation_pct: utilisation(spent, limit),
      status,
      updated_at: toUtcTimestamp(nowMs),
      deleted: false,
    },
    events,
  };
}

/** True when two states say the same thing; `updated_at` alone is no reason to publish again. */
export function sameState(a: BudgetState | undefined, b: BudgetState): boolean {
  if (a === undefined) return false;
  return JSON.stringify({ ...a, updated_at: '' }) === JSON.stringify({ ...b, updated_at: '' });
}

function reached(spent: bigint, limit: bigint, pct: number): boolean {
  return spent * 100n >= limit * BigInt(pct);
}

// Six decimals, computed in integers so large amounts keep their precision.
function utilisation(spent: bigint, limit: bigint): number {
  if (limit === 0n) return spent > 0n ? 100 : 0;
  return Number((spent * 100_000_000n) / limit) / 1_000_000;
}

function wireWindow(window: WindowRange): BudgetWindow {
  return {
    start: toUtcTimestamp(window.startMs),
    end: window.endMs === null ? null : toUtcTimestamp(window.endMs),
  };
}
