import type { BudgetScope } from '@kt/contracts';
import { budgetScopeFilter, type WindowRange } from '@kt/spend';

/** One row: the budget's spend and how much of its traffic that spend could not count at a price. */
export interface BudgetSpendRecord {
  readonly spent: string;
  readonly unpriced_requests: string;
  readonly unpriced_tokens: string;
  readonly estimated_requests: string;
}

/**
 * Spend, unpriced and estimated requests inside a budget's scope and window, in one pass over the
 * rollup (which counts how requests were priced), filtered exactly as the ledger's `budgetSpendQuery`.
 */
export function budgetReportQuery(
  scope: BudgetScope,
  window: WindowRange,
): { readonly sql: string; readonly params: readonly unknown[] } {
  const { where, params } = budgetScopeFilter(scope, window, 'hour');
  return {
    sql: `SELECT COALESCE(SUM(cost_micro_usd), 0)::text AS spent,
       COALESCE(SUM(unpriced_requests), 0)::text AS unpriced_requests,
       COALESCE(SUM(unpriced_tokens), 0)::text AS unpriced_tokens,
       COALESCE(SUM(estimated_requests), 0)::text AS estimated_requests
       FROM spend_hourly WHERE ${where}`,
    params,
  };
}
