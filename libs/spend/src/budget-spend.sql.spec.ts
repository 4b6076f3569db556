import { describe, expect, it } from 'vitest';
import type { BudgetScope } from '@kt/contracts';
import { budgetScopeFilter, budgetSpendQuery } from './budget-spend.sql.js';

const window = { startMs: Date.parse('2026-11-01T00:00:00Z'), endMs: Date.parse('2026-12-01T00:00:00Z') };

describe('budgetSpendQuery', () => {
  it.each<[BudgetScope, string, number]>([
    [{ kind: 'global', value: null }, 'hour >= $1 AND ($2::timestamptz IS NULL OR hour < $2)', 2],
    [{ kind: 'provider', value: 'openai' }, 'AND provider = $3', 3],
    [{ kind: 'group', value: 'chat' }, 'AND "group" = $3', 3],
    [{ kind: 'key', value: 'k1' }, 'AND key_id = $3', 3],
  ])('filters %j by its spend_hourly column', (scope, fragment, paramCount) => {
    const query = budgetSpendQuery(scope, window);
    expect(query.sql).toContain(fragment);
    expect(query.params).toHaveLength(paramCount);
  });

  it('leaves the end open for a total budget', () => {
    expect(budgetSpendQuery({ kind: 'team', value: 't' }, { startMs: 0, endMs: null }).params[1]).toBeNull();
  });

  it('filters ledger entries by the time column it is given', () => {
    const filter = budgetScopeFilter({ kind: 'team', value: 'ops' }, window, 'occurred_at');
    expect(filter.where).toBe(
      'occurred_at >= $1 AND ($2::timestamptz IS NULL OR occurred_at < $2) AND team = $3',
    );
    expect(filter.params).toEqual([new Date(window.startMs), new Date(window.endMs), 'ops']);
  });
});
