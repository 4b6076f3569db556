import { Module, type DynamicModule } from '@nestjs/common';
import { BusModule } from '@kt/bus';
import { PackModule } from '@kt/pack';
import { HealthModule } from '@kt/service';
import type { ProberEnv } from './prober.env.js';

@Module({})
export class ProberModule {
  static forRoot(env: ProberEnv): DynamicModule {
    return {
      module: ProberModule,
      imports: [
        HealthModule,
        BusModule.forRoot({ clientId: 'kt-prober', brokers: env.KAFKA_BROKERS }),
        PackModule.forRoot({ path: env.KT_PACK }),
      ],
    };
  }
}
