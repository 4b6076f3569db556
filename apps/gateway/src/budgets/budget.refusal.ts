import { GatewayError } from '../errors/gateway.error.js';
import type { BlockingBudget } from './budget.view.js';

// Budgets refused because the ledger could not be asked (fail mode `closed`), not because they ran out.
const UNAVAILABLE = new WeakSet<BlockingBudget>();
// Budgets that refuse a target because it has no price (the pack's default for unpriced traffic).
const UNPRICED = new WeakMap<BlockingBudget, string>();

/**
 * The budget as a refusal for an unavailable ledger: it flows where any refusing budget does (a
 * request-wide refusal, a target skipped for this request) and `refuseIfBlocked` answers 503.
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
 * Throws the refusal a block budget makes: 402 `budget_exceeded` when it is exhausted or refused
 * (or refuses a target with no price),
 * 503 `budget_unavailable` when the budget service could not be asked and budgets fail closed.
 * Nothing when there is no budget.
 */
export function refuseIfBlocked(budget: BlockingBudget | undefined, why = 'is exhausted'): void {
  if (budget === undefined) return;
  if (UNAVAILABLE.has(budget)) {
    throw new GatewayError(
      'budget_unavailable',
      `The budget service is unavailable, so budget ${budget.budgetId} (${budget.scope}) cannot be checked ` +
        'and this gateway refuses rather than admits unchecked; nothing was sent upstream, retry later',
      { eventCode: 'no_healthy_target', retryAfterSeconds: 5 },
    );
  }
  const unpriced = UNPRICED.get(budget);
  if (unpriced !== undefined) {
    throw new GatewayError(
      'budget_exceeded',
      `Target ${unpriced} has no price, so block budget ${budget.budgetId} (${budget.scope}) cannot hold it ` +
        'and it is not tried; nothing was sent upstream. Fix the pack: give the target base_model (the ' +
        'model it really runs) or pricing, or set pricing.unpriced_under_block_budget: reserve with a fallback_rate',
    );
  }
  throw new GatewayError(
    'budget_exceeded',
    `Budget ${budget.budgetId} (${budget.scope}) ${why}; nothing was sent upstream`,
  );
}
