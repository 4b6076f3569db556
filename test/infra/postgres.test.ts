import {
  bigintTransformer,
  checkDatabase,
  createDataSource,
  type DataSource,
  type MigrationInterface,
  type QueryRunner,
} from '@kt/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl } from '../setup/infra.js';

@Entity('infra_test_spend')
class SpendRow {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'bigint', name: 'cost_micros', transformer: bigintTransformer })
  costMicros!: bigint;
}

class CreateInfraTestSpend1732400000000 implements MigrationInterface {
  readonly name = 'CreateInfraTestSpend1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE infra_test_spend (id text PRIMARY KEY, cost_micros bigint NOT NULL)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE infra_test_spend');
  }
}

const MIGRATIONS_TABLE = 'infra_test_migrations';

describe('the local PostgreSQL through @kt/persistence', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = createDataSource({
      url: databaseUrl(),
      entities: [SpendRow],
      migrations: [CreateInfraTestSpend1732400000000],
      migrationsRun: true,
      migrationsTableName: MIGRATIONS_TABLE,
      applicationName: 'kt-infra-test',
    });
    await ds.initialize();
  });

  afterAll(async () => {
    if (!ds?.isInitialized) return;
    await ds.undoLastMigration();
    await ds.query(`DROP TABLE IF EXISTS ${MIGRATIONS_TABLE}`);
    await ds.destroy();
  });

  it('answers the readiness check', async () => {
    await expect(checkDatabase(ds)).resolves.toBe(true);
  });

  it('builds the schema from migrations only, never by synchronising entities', async () => {
    expect(ds.options.synchronize).toBe(false);
    const applied = await ds.query(`SELECT name FROM ${MIGRATIONS_TABLE}`);
    expect(applied).toEqual([{ name: 'CreateInfraTestSpend1732400000000' }]);
  });

  it.each([
    { id: 'past-2^53', costMicros: 2n ** 53n + 1n },
    { id: 'bigint-max', costMicros: 9_223_372_036_854_775_807n },
    { id: 'refund', costMicros: -1_500_000n },
  ])('stores $costMicros micro-USD in a BIGINT and reads back exactly the same bigint', async (row) => {
    const repo = ds.getRepository(SpendRow);
    await repo.save(repo.create(row));
    const back = await repo.findOneByOrFail({ id: row.id });
    expect(back.costMicros).toBe(row.costMicros);
    const [raw] = await ds.query('SELECT cost_micros::text AS text FROM infra_test_spend WHERE id = $1', [
      row.id,
    ]);
    expect(raw.text).toBe(row.costMicros.toString());
  });

  it('sums money in SQL without losing precision', async () => {
    const [sum] = await ds.query(
      `SELECT SUM(cost_micros)::text AS total FROM infra_test_spend WHERE id IN ('past-2^53', 'refund')`,
    );
    expect(BigInt(sum.total)).toBe(2n ** 53n + 1n - 1_500_000n);
  });

  it('reports not ready once the pool is closed', async () => {
    const other = createDataSource({ url: databaseUrl(), applicationName: 'kt-infra-test' });
    await other.initialize();
    await expect(checkDatabase(other)).resolves.toBe(true);
    await other.destroy();
    await expect(checkDatabase(other)).resolves.toBe(false);
  });
});
