import type { BudgetScope } from '@kt/contracts';
import { budgetScopeFilter, type WindowRange } from '@kt/spend';

/**
 * Unpriced and estimated requests inside a budget's scope and window, from `ledger_entries` (the
 * rollup does not know how requests were priced). A budget's spent figure leaves these out, so the
 * report says how much traffic it could not count.
 */
export function budgetFlagsQuery(
  scope: BudgetScope,
  window: WindowRange,
): { readonly sql: string; readonly params: readonly unknown[] } {
  const { where, params } = budgetScopeFilter(scope, window, 'occurred_at');
  const unpriced = `priced_by = 'unpriced' AND input_tokens + output_tokens > 0`;
  return {
    sql: `SELECT COUNT(*) FILTER (WHERE ${unpriced})::text AS unpriced_requests,
       COALESCE(SUM(input_tokens + output_tokens) FILTER (WHERE ${unpriced}), 0)::text AS unpriced_tokens,
       COUNT(*) FILTER (WHERE priced_by = 'estimate')::text AS estimated_requests
       FROM ledger_entries WHERE ${where} AND priced_by IN ('unpriced', 'estimate')`,
    params,
  };
}
