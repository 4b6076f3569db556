import { Module, type DynamicModule } from '@nestjs/common';
import { BusModule } from '@kt/bus';
import { DatabaseModule } from '@kt/persistence';
import { HealthModule } from '@kt/service';
import type { LedgerEnv } from './ledger.env.js';

@Module({})
export class LedgerModule {
  static forRoot(env: LedgerEnv): DynamicModule {
    return {
      module: LedgerModule,
      imports: [
        HealthModule,
        BusModule.forRoot({ clientId: 'kt-ledger', brokers: env.KAFKA_BROKERS }),
        DatabaseModule.forRoot({ url: env.DATABASE_URL }),
      ],
    };
  }
}
