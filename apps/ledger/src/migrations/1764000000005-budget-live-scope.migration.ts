import { Logger } from '@nestjs/common';
import type { BudgetDefinition } from '@kt/contracts';
import type { MigrationInterface, QueryRunner } from '@kt/persistence';
import { BUDGET_KEY_COLUMNS } from '../budgets/budget-scope.key.js';

const KEY = BUDGET_KEY_COLUMNS.join(', ');

/**
 * At most one live budget per scope, period and action. A database may already hold duplicates
 * (the seed's provider-budget command run twice created two): the oldest of each set (by
 * defined_at, then id in byte order) is kept and the others are marked deleted, which the evaluator
 * then announces to the gateways as deleted, as for any deleted budget. Each deleted budget is
 * logged with its limit, so an operator can see what went and re-raise a limit on the survivor.
 * The projection keeps the same survivor when it replays those definitions from the log in any
 * order (`BudgetBookStore`, `definedBefore`), so a rebuilt read model agrees.
 */
export class BudgetLiveScope1764000000005 implements MigrationInterface {
  readonly name = 'BudgetLiveScope1764000000005';

  async up(runner: QueryRunner): Promise<void> {
    // A WITH … SELECT so the driver answers the rows (an UPDATE answers [rows, count]).
    const deleted = (await runner.query(
      `WITH gone AS (UPDATE budgets SET deleted = true, updated_at = now()
       FROM (
         SELECT budget_id AS id, first_value(budget_id) OVER (
             PARTITION BY ${KEY} ORDER BY defined_at, budget_id COLLATE "C") AS kept,
           row_number() OVER (PARTITION BY ${KEY} ORDER BY defined_at, budget_id COLLATE "C") AS rank
         FROM budgets WHERE NOT deleted) ranked
       WHERE budgets.budget_id = ranked.id AND ranked.rank > 1
       RETURNING budgets.budget_id, budgets.definition, ranked.kept)
       SELECT * FROM gone ORDER BY kept COLLATE "C", budget_id COLLATE "C"`,
    )) as { budget_id: string; definition: BudgetDefinition; kept: string }[];
    const logger = new Logger('migrations');
    for (const { budget_id, definition, kept } of deleted) {
      const scope =
        definition.scope.value === null ? 'global' : `${definition.scope.kind}:${definition.scope.value}`;
      logger.warn(
        `deleted duplicate budget ${budget_id} (${scope} ${definition.period} ${definition.action}, ` +
          `limit_micro_usd ${definition.limit_micro_usd}); kept ${kept}`,
      );
    }
    await runner.query(`CREATE UNIQUE INDEX budgets_live_scope ON budgets (${KEY}) WHERE NOT deleted`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX IF EXISTS budgets_live_scope');
  }
}
