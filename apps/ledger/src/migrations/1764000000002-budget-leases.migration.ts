import type { MigrationInterface, QueryRunner } from '@kt/persistence';

/** One row per (budget, gateway instance): the headroom lease granted in the budget's current window. */
export class BudgetLeases1764000000002 implements MigrationInterface {
  readonly name = 'BudgetLeases1764000000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE budget_leases (
       budget_id text NOT NULL,
       gateway_instance text NOT NULL,
       window_start timestamptz NOT NULL,
       generation integer NOT NULL,
       granted_micro_usd bigint NOT NULL,
       expires_at timestamptz NOT NULL,
       PRIMARY KEY (budget_id, gateway_instance))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS budget_leases');
  }
}
