import type { BudgetScope } from '@kt/contracts';
import type { WindowRange } from './budget.window.js';
import { SPEND_DIMENSION_COLUMNS } from './spend.dimensions.js';

export interface BudgetSpendQuery {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** A WHERE clause (`$1`, `$2`, maybe `$3`) with its params; shared so budget queries filter alike. */
export interface BudgetScopeFilter {
  readonly where: string;
  readonly params: readonly unknown[];
}

/**
 * Rows of `scope` whose `timeColumn` lies inside `window`. The scope columns have the same names in
 * `spend_hourly` and `ledger_entries`, so the ledger's lease store filters entries with it too.
 */
export function budgetScopeFilter(
  scope: BudgetScope,
  window: WindowRange,
  timeColumn: string,
): BudgetScopeFilter {
  const params: unknown[] = [new Date(window.startMs), window.endMs === null ? null : new Date(window.endMs)];
  let where = `${timeColumn} >= $1 AND ($2::timestamptz IS NULL OR ${timeColumn} < $2)`;
  if (scope.kind !== 'global') {
    params.push(scope.value);
    where += ` AND ${SPEND_DIMENSION_COLUMNS[scope.kind]} = $3`;
  }
  return { where, params };
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
  const { where, params } = budgetScopeFilter(scope, window, 'hour');
  return {
    sql: `SELECT COALESCE(SUM(cost_micro_usd), 0)::text AS spent FROM ${table} WHERE ${where}`,
    params,
  };
}
