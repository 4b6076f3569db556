import { Inject, Injectable } from '@nestjs/common';
import type {
  BudgetAction,
  BudgetPeriod,
  BudgetScope,
  BudgetState,
  MicroUsdString,
  UtcTimestamp,
} from '@kt/contracts';
import { DataSource } from '@kt/persistence';
import type { StoredBudget } from './budget-book.evolve.js';
import { BudgetBookStore } from './budget-book.store.js';
import { trackedStates } from './budget-tracking.store.js';

/** A budget as the admin API shows it: its definition and its latest state (null until first evaluated). */
export interface BudgetView {
  readonly budget_id: string;
  readonly name: string | null;
  readonly scope: BudgetScope;
  readonly period: BudgetPeriod;
  readonly limit_micro_usd: MicroUsdString;
  readonly thresholds_pct: readonly number[];
  readonly action: BudgetAction;
  readonly defined_at: UtcTimestamp;
  readonly updated_at: UtcTimestamp;
  readonly state: BudgetState | null;
}

export function toBudgetView(budget: StoredBudget, state: BudgetState | undefined): BudgetView {
  const { definition } = budget;
  return {
    budget_id: definition.budget_id,
    name: definition.name ?? null,
    scope: definition.scope,
    period: definition.period,
    limit_micro_usd: definition.limit_micro_usd,
    thresholds_pct: definition.thresholds_pct,
    action: definition.action,
    defined_at: budget.definedAt,
    updated_at: budget.updatedAt,
    state: state ?? null,
  };
}

@Injectable()
export class BudgetViews {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly book: BudgetBookStore,
  ) {}

  async list(): Promise<BudgetView[]> {
    const [budgets, states] = await Promise.all([this.book.list(), trackedStates(this.ds.manager)]);
    return budgets.map((budget) => toBudgetView(budget, states.get(budget.definition.budget_id)));
  }

  async get(budgetId: string): Promise<BudgetView | undefined> {
    const budget = await this.book.get(budgetId);
    if (budget === undefined || budget.deleted) return undefined;
    return toBudgetView(budget, (await trackedStates(this.ds.manager)).get(budgetId));
  }
}
