import type { BudgetAction, BudgetDefinition, BudgetPeriod, BudgetScope } from '@kt/contracts';

/** What makes two live budgets the same budget: scope, period and action (the unique index's columns). */
export interface BudgetKey {
  readonly scope: BudgetScope;
  readonly period: BudgetPeriod;
  readonly action: BudgetAction;
}

/**
 * The SQL expressions of the key over a `budgets` row, exactly as the unique index
 * `budgets_live_scope` declares them (the planner only uses the index for identical expressions).
 */
export const BUDGET_KEY_COLUMNS = [
  "(definition #>> '{scope,kind}')",
  "COALESCE(definition #>> '{scope,value}', '')",
  "(definition ->> 'period')",
  "(definition ->> 'action')",
] as const;

/** `WHERE` over the key of a live budget, `$first`… the four values of `keyParams`. */
export function liveKeyWhere(first: number): string {
  const conditions = BUDGET_KEY_COLUMNS.map((column, i) => `${column} = $${first + i}`);
  return `NOT deleted AND ${conditions.join(' AND ')}`;
}

export function keyParams(key: BudgetKey): [string, string, string, string] {
  return [key.scope.kind, key.scope.value ?? '', key.period, key.action];
}

/** One text per key, for the advisory lock that serialises creates of the same budget. */
export function lockName(key: BudgetKey): string {
  return `kt-budget-key:${JSON.stringify(keyParams(key))}`;
}

export function keyOf(definition: BudgetDefinition): BudgetKey {
  return { scope: definition.scope, period: definition.period, action: definition.action };
}

export function sameKey(a: BudgetKey, b: BudgetKey): boolean {
  return JSON.stringify(keyParams(a)) === JSON.stringify(keyParams(b));
}

/**
 * A create asking for what already exists: the same limit and thresholds, and the same name when
 * the request gives one (a create without a name does not ask to remove it).
 */
export function sameSettings(existing: BudgetDefinition, wanted: BudgetDefinition): boolean {
  return (
    existing.limit_micro_usd === wanted.limit_micro_usd &&
    existing.thresholds_pct.join(',') === wanted.thresholds_pct.join(',') &&
    (wanted.name === undefined || wanted.name === existing.name)
  );
}
