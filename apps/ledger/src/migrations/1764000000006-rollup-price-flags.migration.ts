import type { MigrationInterface, QueryRunner } from '@kt/persistence';
import { addFlagColumnsSql, ENTRY_FLAG_SUMS_SQL, FLAG_COLUMNS, LIVE_TABLES } from '@kt/spend';

const DIMS = 'provider, target, "group", model, team, key_id';

/**
 * How each hour's requests were priced (unpriced, estimated, rejected), counted in `spend_hourly`
 * beside the spend so reports sum the rollup instead of scanning `ledger_entries`. The rows already
 * booked are backfilled from their entries with the same definitions the projection applies, so
 * the rollup equals what a rebuild would write. Only the entries that carry a flag are grouped.
 */
export class RollupPriceFlags1764000000006 implements MigrationInterface {
  readonly name = 'RollupPriceFlags1764000000006';

  async up(runner: QueryRunner): Promise<void> {
    const { entries, rollup } = LIVE_TABLES;
    await runner.query(addFlagColumnsSql(rollup));
    const set = FLAG_COLUMNS.map((c) => `${c} = f.${c}`).join(', ');
    const match = DIMS.split(', ')
      .map((d) => `s.${d} = f.${d}`)
      .join(' AND ');
    await runner.query(`UPDATE ${rollup} AS s SET ${set}
      FROM (SELECT date_trunc('hour', occurred_at, 'UTC') AS hour, ${DIMS}, ${ENTRY_FLAG_SUMS_SQL}
            FROM ${entries}
            WHERE priced_by IN ('unpriced', 'estimate') OR type = 'route.rejected'
            GROUP BY 1, ${DIMS}) AS f
      WHERE s.hour = f.hour AND ${match}`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE ${LIVE_TABLES.rollup} ${FLAG_COLUMNS.map((c) => `DROP COLUMN IF EXISTS ${c}`).join(', ')}`,
    );
  }
}
