import type { BudgetScope } from '@kt/contracts';
import type { WindowRange } from './budget.window.js';

// Scope kind → `spend_hourly` column (written by the spend projection; '' for unknown dimensions).
const SCOPE_COLUMNS = {
  provider: 'provider',
  target: 'target',
  group: '"group"',
  team: 'team',
  key: 'key_id',
} as const;

export interface BudgetSpendQuery {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * The query for spend matching `scope` inside `window` (one row, `spent` as text). Rows are
 * hour-aligned and windows start on whole hours, so the calendar window is exact. Shared by the
 * ledger (which enforces budgets) and reporting (which shows them), so both count the same.
 */
export function budgetSpendQuery(
  scope: BudgetScope,
  window: WindowRange,
  table = 'spend_hourly',
): BudgetSpendQuery {
  const params: unknown[] = [new Date(window.startMs), window.endMs === null ? null : new Date(window.endMs)];
  let where = 'hour >= $1 AND ($2::timestamptz IS NULL OR hour < $2)';
  if (scope.kind !== 'global') {
    params.push(scope.value);
    where += ` AND ${SCOPE_COLUMNS[scope.kind]} = $3`;
  }
  return {
    sql: `SELECT COALESCE(SUM(cost_micro_usd), 0)::text AS spent FROM ${table} WHERE ${where}`,
    params,
  };
}
