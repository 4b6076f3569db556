import type { Refusal } from '../errors/gateway.error.js';
import type { BlockingBudget } from '../state/budget.view.js';

// Budgets refused because the ledger could not be asked (fail mode `closed`), not because they ran out.
const UNAVAILABLE = new WeakSet<BlockingBudget>();
// Budgets that refuse a target because it has no price (the pack's default for unpriced traffic).
const UNPRICED = new WeakMap<BlockingBudget, string>();

/**
 * The budget as a refusal for an unavailable ledger: it flows where any refusing budget does (a
 * request-wide refusal, a target skipped for this request) and `budgetRefusal` answers 503.
 */
export function unavailableBudget(budget: BlockingBudget): BlockingBudget {
  const marked = { ...budget };
  UNAVAILABLE.add(marked);
  return marked;
}

/** The budget as the refusal of `targetId`, which has no price and so cannot be held to it. */
export function unpricedBudget(budget: BlockingBudget, targetId: string): BlockingBudget {
  const marked = { ...budget };
  UNPRICED.set(marked, targetId);
  return marked;
}

/**
 * The refusal a block budget makes: 402 `budget_exceeded` when it is exhausted or refused
 * (or refuses a target with no price),
 * 503 `budget_unavailable` when the budget service could not be asked and budgets fail closed.
 * Undefined when there is no budget.
 */
export function budgetRefusal(budget: BlockingBudget | undefined, why = 'is exhausted'): Refusal | undefined {
  if (budget === undefined) return undefined;
  if (UNAVAILABLE.has(budget)) {
    return {
      code: 'budget_unavailable',
      message:
        `The budget service is unavailable, so budget ${budget.budgetId} (${budget.scope}) cannot be checked ` +
        'and this gateway refuses rather than admits unchecked; nothing was sent upstream, retry later',
      details: { eventCode: 'no_healthy_target', retryAfterSeconds: 5 },
    };
  }
  const unpriced = UNPRICED.get(budget);
  if (unpriced !== undefined) {
    return {
      code: 'budget_exceeded',
      message:
        `Target ${unpriced} has no price, so block budget ${budget.budgetId} (${budget.scope}) cannot hold it ` +
        'and it is not tried; nothing was sent upstream. Fix the pack: give the target base_model (the ' +
        'model it really runs) or pricing, or set pricing.unpriced_under_block_budget: reserve with a fallback_rate',
    };
  }
  return {
    code: 'budget_exceeded',
    message: `Budget ${budget.budgetId} (${budget.scope}) ${why}; nothing was sent upstream`,
  };
}
