import type { BudgetScope } from '@kt/contracts';
import type { EntityManager } from '@kt/persistence';
import { budgetSpendQuery } from '@kt/spend';
import type { WindowRange } from './budget.window.js';

/**
 * Spend matching `scope` inside `window` (the query is shared with reporting through @kt/spend).
 * Before the projection has created its table nothing is spent.
 */
export async function spentInWindow(
  manager: EntityManager,
  scope: BudgetScope,
  window: WindowRange,
): Promise<bigint> {
  const [{ present }] = await manager.query<{ present: boolean }[]>(
    "SELECT to_regclass('spend_hourly') IS NOT NULL AS present",
  );
  if (!present) return 0n;
  const query = budgetSpendQuery(scope, window);
  const [{ spent }] = await manager.query<{ spent: string }[]>(query.sql, [...query.params]);
  return BigInt(spent);
}
