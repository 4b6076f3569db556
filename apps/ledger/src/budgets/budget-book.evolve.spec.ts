import { describe, expect, it } from 'vitest';
import type { BudgetEvent } from '@kt/contracts';
import { evolve, evolveBudget, type BudgetBook } from './budget-book.evolve.js';

const facts = { schema: 'kt.budget.v1', budget_id: 'b1' } as const;
const body = {
  scope: { kind: 'team', value: 'finance' },
  period: 'daily',
  limit_micro_usd: '5000000',
  thresholds_pct: [50, 80, 100],
  action: 'block',
} as const;
const defined: BudgetEvent = {
  ...facts,
  ...body,
  type: 'budget.defined',
  event_id: 'e1',
  occurred_at: '2025-03-01T00:00:00Z',
  name: 'Finance',
};
const updated: BudgetEvent = {
  ...facts,
  ...body,
  type: 'budget.updated',
  event_id: 'e2',
  occurred_at: '2025-03-02T00:00:00Z',
  limit_micro_usd: '9000000',
  action: 'alert',
};
const deleted: BudgetEvent = {
  ...facts,
  type: 'budget.deleted',
  event_id: 'e3',
  occurred_at: '2025-03-03T00:00:00Z',
};
const crossed: BudgetEvent = {
  ...facts,
  type: 'budget.threshold_crossed',
  event_id: 'e4',
  occurred_at: '2025-03-01T10:00:00Z',
  threshold_pct: 50,
  spent_micro_usd: '2500000',
  limit_micro_usd: '5000000',
  window: { start: '2025-03-01T00:00:00Z', end: '2025-03-02T00:00:00Z' },
};

const fold = (events: readonly BudgetEvent[]): BudgetBook => events.reduce(evolve, new Map() as BudgetBook);

describe('evolve', () => {
  it('given no budget, when it is defined, then the book holds the definition', () => {
    expect(fold([defined]).get('b1')).toEqual({
      definition: { budget_id: 'b1', ...body, name: 'Finance' },
      deleted: false,
      definedAt: '2025-03-01T00:00:00Z',
      updatedAt: '2025-03-01T00:00:00Z',
      lastEventId: 'e1',
    });
  });

  it('given a budget, when it is updated, then the whole definition is replaced', () => {
    const budget = fold([defined, updated]).get('b1');
    expect(budget?.definition).toEqual({
      budget_id: 'b1',
      ...body,
      limit_micro_usd: '9000000',
      action: 'alert',
    });
    expect(budget?.definedAt).toBe('2025-03-01T00:00:00Z');
    expect(budget?.lastEventId).toBe('e2');
  });

  it('given a budget, when it is deleted, then it is kept as deleted', () => {
    expect(fold([defined, deleted]).get('b1')).toMatchObject({ deleted: true, lastEventId: 'e3' });
  });

  it.each<[string, readonly BudgetEvent[]]>([
    ['a redelivered definition', [defined, updated, defined]],
    ['a threshold fact', [defined, updated, crossed]],
    ['an update after delete', [defined, updated, deleted, updated]],
    ['a second delete', [defined, updated, deleted, deleted]],
  ])('ignores %s', (_name, events) => {
    const before = fold(events.slice(0, -1));
    expect(evolve(before, events.at(-1) as BudgetEvent)).toBe(before);
  });

  it('ignores an update or delete of an unknown budget', () => {
    expect(evolveBudget(undefined, updated)).toBeUndefined();
    expect(evolveBudget(undefined, deleted)).toBeUndefined();
  });

  it('rebuilds the same book from the same events', () => {
    const events = [defined, crossed, updated];
    expect(fold(events)).toEqual(fold(events));
  });
});
