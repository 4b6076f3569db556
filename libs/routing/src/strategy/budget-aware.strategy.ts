import type { RoutableTarget } from '../routable.types.js';
import type { RouteContext } from '../route.context.js';
import type { Strategy } from './strategy.js';
import { rankBy } from './candidate.ranking.js';

/**
 * Interim budget-aware routing: most remaining budget headroom first. A target no budget
 * limits (`budgetHeadroom` → undefined) has unlimited headroom and ranks ahead of every
 * budgeted one; ties keep pack order. Without a headroom provider it is exactly `ordered`.
 * Blocked targets never get here: the planner's availability check removes them.
 */
export class BudgetAwareStrategy implements Strategy {
  readonly name = 'budget_aware';

  order<T extends RoutableTarget>(candidates: readonly T[], ctx: RouteContext): readonly T[] {
    const headroom = ctx.budgetHeadroom;
    if (headroom === undefined) return candidates;
    return rankBy(candidates, (target) => headroom(target.id), compareHeadroom);
  }
}

function compareHeadroom(a: bigint | undefined, b: bigint | undefined): number {
  if (a === undefined || b === undefined) return (a === undefined ? 0 : 1) - (b === undefined ? 0 : 1);
  return a > b ? -1 : a < b ? 1 : 0;
}
