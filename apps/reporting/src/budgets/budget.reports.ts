import { Inject, Injectable } from '@nestjs/common';
import type { BudgetDefinition } from '@kt/contracts';
import { DataSource } from '@kt/persistence';
import { budgetSpendQuery, windowAt } from '@kt/spend';
import { budgetFlagsQuery } from './budget-flags.sql.js';
import { reportBudget, type BudgetPriceFlags, type BudgetReport } from './budget.report.js';

/** Every live budget (the ledger's `budgets` table) with its spend counted exactly as the ledger counts it. */
@Injectable()
export class BudgetReports {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async list(nowMs: number): Promise<BudgetReport[]> {
    const rows = await this.ds.query<{ definition: BudgetDefinition }[]>(
      'SELECT definition FROM budgets WHERE NOT deleted ORDER BY budget_id',
    );
    const reports: BudgetReport[] = [];
    for (const { definition } of rows) {
      const window = windowAt(definition.period, nowMs);
      const query = budgetSpendQuery(definition.scope, window);
      const flagsQuery = budgetFlagsQuery(definition.scope, window);
      const [[{ spent }], [flags]] = await Promise.all([
        this.ds.query<{ spent: string }[]>(query.sql, [...query.params]),
        this.ds.query<BudgetPriceFlags[]>(flagsQuery.sql, [...flagsQuery.params]),
      ]);
      reports.push({ ...reportBudget(definition, window, BigInt(spent), nowMs), ...flags });
    }
    return reports;
  }
}
