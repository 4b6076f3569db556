import type { MigrationInterface, QueryRunner } from '@kt/persistence';
import { createTablesSql, dropTablesSql, LIVE_TABLES } from '@kt/spend';

/** The spend projection: offsets, event-id de-dup, monthly-partitioned entries, hourly rollups. */
export class LedgerProjection1764000000000 implements MigrationInterface {
  readonly name = 'LedgerProjection1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of createTablesSql(LIVE_TABLES)) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const sql of dropTablesSql(LIVE_TABLES)) await runner.query(sql);
  }
}
