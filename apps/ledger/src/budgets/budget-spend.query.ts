import type { BudgetScope } from '@kt/contracts';
import type { EntityManager } from '@kt/persistence';
import type { WindowRange } from './budget.window.js';

// Scope kind → `spend_hourly` column (written by the spend projection; '' for unknown dimensions).
const SCOPE_COLUMNS = {
  provider: 'provider',
  target: 'target',
  group: '"group"',
  team: 'team',
  key: 'key_id',
} as const;

/**
 * Spend matching `scope` inside `window`. Rows are hour-aligned and windows start on whole hours,
 * so the calendar window is exact. Before the projection has created its table nothing is spent.
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
  const params: unknown[] = [new Date(window.startMs), window.endMs === null ? null : new Date(window.endMs)];
  let where = 'hour >= $1 AND ($2::timestamptz IS NULL OR hour < $2)';
  if (scope.kind !== 'global') {
    params.push(scope.value);
    where += ` AND ${SCOPE_COLUMNS[scope.kind]} = $3`;
  }
  const [{ spent }] = await manager.query<{ spent: string }[]>(
    `SELECT COALESCE(SUM(cost_micro_usd), 0)::text AS spent FROM spend_hourly WHERE ${where}`,
    params,
  );
  return BigInt(spent);
}
