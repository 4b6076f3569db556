import {
  Inject,
  Injectable,
  Module,
  Optional,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ReadinessService } from '@kt/service';
import { DataSource } from 'typeorm';
import { checkDatabase } from './database.check.js';
import { createDataSource, type DataSourceSettings } from './data-source.factory.js';

const READINESS_TIMEOUT_MS = 2_000;

@Injectable()
class DatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Optional() @Inject(ReadinessService) private readonly readiness?: ReadinessService,
  ) {}

  onModuleInit(): void {
    this.readiness?.register('database', () => checkDatabase(this.ds, READINESS_TIMEOUT_MS));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}

// pg_advisory_lock key of the migration run ('kt_mig' in ASCII); any value kt uses nowhere else.
const MIGRATION_LOCK = '118147561384295';

/**
 * Replicas of a fresh install start together: without a lock each runs the same migrations and all
 * but one crash on "already exists". The first takes the lock and migrates; the others wait, then
 * find nothing pending.
 */
async function runMigrationsExclusively(ds: DataSource): Promise<void> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

/**
 * Provides an initialised TypeORM `DataSource` (inject it by its class) to the whole app, adds
 * `database` to `/readyz` and closes the pool on shutdown. Start-up fails if the database is down.
 */
@Module({})
export class DatabaseModule {
  static forRoot(settings: DataSourceSettings): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        {
          provide: DataSource,
          useFactory: async (): Promise<DataSource> => {
            const ds = createDataSource({ ...settings, migrationsRun: false });
            await ds.initialize();
            if (settings.migrationsRun) await runMigrationsExclusively(ds);
            return ds;
          },
        },
        DatabaseLifecycle,
      ],
      exports: [DataSource],
    };
  }
}
