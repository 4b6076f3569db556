import { GatewayError } from '../errors/gateway.error.js';
import type { BlockingBudget } from './budget.view.js';

/** Throws the 402 `budget_exceeded` that names an exhausted block budget; nothing when there is none. */
export function refuseIfBlocked(budget: BlockingBudget | undefined): void {
  if (budget === undefined) return;
  throw new GatewayError(
    'budget_exceeded',
    `Budget ${budget.budgetId} (${budget.scope}) is exhausted; nothing was sent upstream`,
  );
}
