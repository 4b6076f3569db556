import { Module, type DynamicModule } from '@nestjs/common';
import { BusModule } from '@kt/bus';
import { topicConfigs } from '@kt/contracts';
import { DatabaseModule } from '@kt/persistence';
import { HealthModule } from '@kt/service';
import type { ReportingEnv } from './reporting.env.js';

@Module({})
export class ReportingModule {
  static forRoot(env: ReportingEnv): DynamicModule {
    return {
      module: ReportingModule,
      imports: [
        HealthModule,
        BusModule.forRoot({ clientId: 'kt-reporting', brokers: env.KAFKA_BROKERS, topics: topicConfigs() }),
        DatabaseModule.forRoot({ url: env.DATABASE_URL }),
      ],
    };
  }
}
