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
            const ds = createDataSource(settings);
            await ds.initialize();
            return ds;
          },
        },
        DatabaseLifecycle,
      ],
      exports: [DataSource],
    };
  }
}
