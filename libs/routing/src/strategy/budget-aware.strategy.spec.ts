import { describe, expect, it } from 'vitest';
import { BudgetAwareStrategy } from './budget-aware.strategy.js';
import { context, ids, target } from './strategy.fixture.js';

const candidates = [target('a'), target('b'), target('c')];

describe('budget_aware (interim)', () => {
  it.each([
    ['most headroom first', { a: 10n, b: 500n, c: 40n }, ['b', 'c', 'a']],
    ['a target without a budget ranks first (unlimited headroom)', { a: 10n, c: 40n }, ['b', 'c', 'a']],
    ['ties keep pack order', { a: 5n, b: 5n, c: 5n }, ['a', 'b', 'c']],
    ['no budgets at all: pack order', {}, ['a', 'b', 'c']],
    ['headroom beyond 2^53 compares exactly', { a: 2n ** 60n, b: 2n ** 60n + 1n, c: 0n }, ['b', 'a', 'c']],
  ])('%s', (_name, headroom: Record<string, bigint>, expected) => {
    const ctx = context({ budgetHeadroom: (id) => headroom[id] });
    expect(ids(new BudgetAwareStrategy().order(candidates, ctx))).toEqual(expected);
  });

  it('keeps pack order without a headroom provider', () => {
    expect(ids(new BudgetAwareStrategy().order(candidates, context()))).toEqual(['a', 'b', 'c']);
  });
});
