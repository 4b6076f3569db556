import type { MigrationInterface, QueryRunner } from '@kt/persistence';

/**
 * The budgets read model, its consumed offsets, each budget's tracked window, the crossings read
 * back from the log, and an outbox of facts still to publish.
 */
const STATEMENTS = [
  `CREATE TABLE budgets (
     budget_id text PRIMARY KEY,
     definition jsonb NOT NULL,
     deleted boolean NOT NULL,
     defined_at timestamptz NOT NULL,
     updated_at timestamptz NOT NULL,
     last_event_id text NOT NULL)`,
  `CREATE TABLE budget_event_offsets (
     topic text NOT NULL,
     partition integer NOT NULL,
     next_offset bigint NOT NULL,
     PRIMARY KEY (topic, partition))`,
  `CREATE TABLE budget_tracking (
     budget_id text PRIMARY KEY,
     window_start timestamptz NOT NULL,
     window_end timestamptz,
     spent_micro_usd bigint NOT NULL,
     crossed_pct integer[] NOT NULL,
     exhausted boolean NOT NULL,
     state jsonb NOT NULL)`,
  `CREATE TABLE budget_announcements (
     budget_id text NOT NULL,
     window_start timestamptz NOT NULL,
     fact text NOT NULL,
     threshold_pct integer NOT NULL,
     PRIMARY KEY (budget_id, window_start, fact, threshold_pct))`,
  `CREATE TABLE budget_outbox (
     id bigserial PRIMARY KEY,
     topic text NOT NULL,
     key text NOT NULL,
     value text)`,
];

export class Budgets1764000000001 implements MigrationInterface {
  readonly name = 'Budgets1764000000001';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of STATEMENTS) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'budget_outbox',
      'budget_announcements',
      'budget_tracking',
      'budget_event_offsets',
      'budgets',
    ]) {
      await runner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
