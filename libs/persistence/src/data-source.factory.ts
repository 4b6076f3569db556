import { DataSource, type DataSourceOptions } from 'typeorm';

type PostgresOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

export interface DataSourceSettings {
  /** `postgres://user:password@host:port/database` (`DATABASE_URL`). */
  readonly url: string;
  readonly entities?: PostgresOptions['entities'];
  readonly migrations?: PostgresOptions['migrations'];
  /** Run pending migrations inside `initialize()`; off unless asked. */
  readonly migrationsRun?: boolean;
  readonly migrationsTableName?: string;
  /** Shown in `pg_stat_activity`, e.g. `kt-ledger`. */
  readonly applicationName?: string;
  readonly poolSize?: number;
  readonly connectTimeoutMs?: number;
  readonly logging?: PostgresOptions['logging'];
}

/**
 * A TypeORM DataSource for kt's Postgres. Schema changes only ever come from migrations:
 * `synchronize` is off and cannot be turned on. Call `initialize()` before use.
 */
export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource({
    type: 'postgres',
    url: settings.url,
    entities: settings.entities ?? [],
    migrations: settings.migrations ?? [],
    migrationsRun: settings.migrationsRun ?? false,
    migrationsTableName: settings.migrationsTableName ?? 'kt_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    applicationName: settings.applicationName ?? 'kt',
    poolSize: settings.poolSize ?? 10,
    connectTimeoutMS: settings.connectTimeoutMs ?? 5_000,
    logging: settings.logging ?? ['error'],
  });
}
