import { GatewayError } from '../errors/gateway.error.js';
import type { BlockingBudget } from './budget.view.js';

/** Throws the 402 `budget_exceeded` that names a block budget that refuses; nothing when there is none. */
export function refuseIfBlocked(budget: BlockingBudget | undefined, why = 'is exhausted'): void {
  if (budget === undefined) return;
  throw new GatewayError(
    'budget_exceeded',
    `Budget ${budget.budgetId} (${budget.scope}) ${why}; nothing was sent upstream`,
  );
}
