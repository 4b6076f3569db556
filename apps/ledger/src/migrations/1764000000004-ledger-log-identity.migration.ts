import type { MigrationInterface, QueryRunner } from '@kt/persistence';
import { DEAD_LETTERS_TABLE } from '../projection/dead-letter.store.js';

/**
 * What the ledger needs to know which log its checkpoints describe and which records it gave up on:
 * the Kafka topic id next to each checkpoint (a recreated topic gets a new one), and one row per
 * record PostgreSQL refused, so rebuild and verify leave out exactly what the live projection left out.
 */
export class LedgerLogIdentity1764000000004 implements MigrationInterface {
  readonly name = 'LedgerLogIdentity1764000000004';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE ledger_offsets ADD COLUMN IF NOT EXISTS topic_id text');
    await runner.query(`CREATE TABLE ${DEAD_LETTERS_TABLE} (
       consumer text NOT NULL,
       topic text NOT NULL,
       partition integer NOT NULL,
       "offset" bigint NOT NULL,
       value_sha256 text NOT NULL,
       reason text NOT NULL,
       dead_lettered_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (consumer, topic, partition, "offset"))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS ${DEAD_LETTERS_TABLE}`);
    await runner.query('ALTER TABLE ledger_offsets DROP COLUMN IF EXISTS topic_id');
  }
}
