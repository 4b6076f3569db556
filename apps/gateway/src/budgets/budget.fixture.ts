import type { BudgetScope, BudgetState } from '@kt/contracts';

/** Parses `provider:openai`, `team:qa` or `global` into a scope (tests only). */
export function parseScope(text: string): BudgetScope {
  if (text === 'global') return { kind: 'global', value: null };
  const [kind, value] = text.split(':', 2) as [Exclude<BudgetScope['kind'], 'global'>, string];
  return { kind, value };
}

/** A valid `kt.budget-state.v1` record for tests: a monthly $10 budget, by default ok and blocking. */
export function budgetState(
  budgetId: string,
  scope: string,
  overrides: Partial<Omit<BudgetState, 'schema' | 'type' | 'budget_id' | 'scope'>> = {},
): BudgetState {
  return {
    schema: 'kt.budget-state.v1',
    type: 'budget.state',
    budget_id: budgetId,
    scope: parseScope(scope),
    period: 'monthly',
    action: 'block',
    window_start: '2026-11-01T00:00:00.000Z',
    window_end: '2026-12-01T00:00:00.000Z',
    limit_micro_usd: '10000000',
    spent_micro_usd: '0',
    remaining_micro_usd: '10000000',
    utilisation_pct: 0,
    status: 'ok',
    updated_at: '2026-11-24T08:00:00.000Z',
    deleted: false,
    ...overrides,
  };
}
