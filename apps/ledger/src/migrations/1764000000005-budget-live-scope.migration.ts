import type { MigrationInterface, QueryRunner } from '@kt/persistence';
import { BUDGET_KEY_COLUMNS } from '../budgets/budget-scope.key.js';

const KEY = BUDGET_KEY_COLUMNS.join(', ');

/**
 * At most one live budget per scope, period and action. A database may already hold duplicates
 * (the seed's provider-budget command run twice created two): the oldest of each set (by
 * defined_at, then id) is kept and the others are marked deleted, which the evaluator then announces
 * to the gateways as deleted, as for any deleted budget. The projection applies the same rule when
 * it replays those definitions from the log, so a rebuilt read model agrees.
 */
export class BudgetLiveScope1764000000005 implements MigrationInterface {
  readonly name = 'BudgetLiveScope1764000000005';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`UPDATE budgets SET deleted = true, updated_at = now()
      WHERE budget_id IN (
        SELECT budget_id FROM (
          SELECT budget_id, row_number() OVER (PARTITION BY ${KEY} ORDER BY defined_at, budget_id) AS rank
          FROM budgets WHERE NOT deleted) ranked
        WHERE rank > 1)`);
    await runner.query(`CREATE UNIQUE INDEX budgets_live_scope ON budgets (${KEY}) WHERE NOT deleted`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX IF EXISTS budgets_live_scope');
  }
}
