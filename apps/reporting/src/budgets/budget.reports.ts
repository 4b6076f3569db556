import { Inject, Injectable } from '@nestjs/common';
import type { BudgetDefinition } from '@kt/contracts';
import { DataSource } from '@kt/persistence';
import { windowAt } from '@kt/spend';
import { budgetReportQuery, type BudgetSpendRecord } from './budget-report.sql.js';
import { reportBudget, type BudgetReport } from './budget.report.js';

/**
 * Every live budget (the ledger's `budgets` table) with its spend counted exactly as the ledger
 * counts it: one rollup query per budget, all in flight together (the pool bounds them).
 */
@Injectable()
export class BudgetReports {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async list(nowMs: number): Promise<BudgetReport[]> {
    const rows = await this.ds.query<{ definition: BudgetDefinition }[]>(
      'SELECT definition FROM budgets WHERE NOT deleted ORDER BY budget_id',
    );
    return Promise.all(
      rows.map(async ({ definition }) => {
        const window = windowAt(definition.period, nowMs);
        const query = budgetReportQuery(definition.scope, window);
        const [record] = await this.ds.query<BudgetSpendRecord[]>(query.sql, [...query.params]);
        const { spent, ...flags } = record ?? {
          spent: '0',
          unpriced_requests: '0',
          unpriced_tokens: '0',
          estimated_requests: '0',
        };
        return { ...reportBudget(definition, window, BigInt(spent), nowMs), ...flags };
      }),
    );
  }
}
