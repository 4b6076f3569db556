import type { BudgetDefinition, BudgetEvent, UtcTimestamp } from '@kt/contracts';

/** One row of the `budgets` read model: the latest definition and when it last changed. */
export interface StoredBudget {
  readonly definition: BudgetDefinition;
  readonly deleted: boolean;
  readonly definedAt: UtcTimestamp;
  readonly updatedAt: UtcTimestamp;
  /** The event that produced this row; the admin API waits for it to show up. */
  readonly lastEventId: string;
}

/** All budget definitions by id: the state rebuilt from `kt.budget-events.v1`. */
export type BudgetBook = ReadonlyMap<string, StoredBudget>;

/**
 * How one event changes one budget. Returns `current` itself when nothing changes, so a redelivered
 * or out-of-place event (a `defined` for an existing id, an update after delete) is a no-op and the
 * threshold facts the ledger writes to the same topic are ignored.
 */
export function evolveBudget(
  current: StoredBudget | undefined,
  event: BudgetEvent,
): StoredBudget | undefined {
  switch (event.type) {
    case 'budget.defined':
      if (current !== undefined) return current;
      return {
        definition: definitionOf(event),
        deleted: false,
        definedAt: event.occurred_at,
        updatedAt: event.occurred_at,
        lastEventId: event.event_id,
      };
    case 'budget.updated':
      if (current === undefined || current.deleted) return current;
      return {
        ...current,
        definition: definitionOf(event),
        updatedAt: event.occurred_at,
        lastEventId: event.event_id,
      };
    case 'budget.deleted':
      if (current === undefined || current.deleted) return current;
      return { ...current, deleted: true, updatedAt: event.occurred_at, lastEventId: event.event_id };
    default:
      return current;
  }
}

/** `evolveBudget` over the whole book: folding the topic from the start gives the live definitions. */
export function evolve(book: BudgetBook, event: BudgetEvent): BudgetBook {
  const current = book.get(event.budget_id);
  const next = evolveBudget(current, event);
  if (next === current || next === undefined) return book;
  return new Map(book).set(event.budget_id, next);
}

function definitionOf(event: BudgetDefinition & { readonly budget_id: string }): BudgetDefinition {
  const definition: BudgetDefinition = {
    budget_id: event.budget_id,
    scope: event.scope,
    period: event.period,
    limit_micro_usd: event.limit_micro_usd,
    thresholds_pct: event.thresholds_pct,
    action: event.action,
  };
  return event.name === undefined ? definition : { ...definition, name: event.name };
}
