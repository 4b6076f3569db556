import { Module, type DynamicModule } from '@nestjs/common';
import { BusModule } from '@kt/bus';
import { PackModule } from '@kt/pack';
import { HealthModule } from '@kt/service';
import type { GatewayEnv } from './gateway.env.js';

@Module({})
export class GatewayModule {
  static forRoot(env: GatewayEnv): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        HealthModule,
        BusModule.forRoot({ clientId: 'kt-gateway', brokers: env.KAFKA_BROKERS }),
        PackModule.forRoot({ path: env.KT_PACK }),
      ],
    };
  }
}
