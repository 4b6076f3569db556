import { Module, type DynamicModule } from '@nestjs/common';
import { BusModule } from '@kt/bus';
import { PackModule } from '@kt/pack-live';
import { createAdapters } from '@kt/providers';
import { HealthModule } from '@kt/service';
import { AuthModule } from './auth/auth.module.js';
import { BudgetsModule } from './budgets/budgets.module.js';
import { LEASE_SETTINGS } from './budgets/lease.settings.js';
import { ChatModule } from './chat/chat.module.js';
import { EmbeddingsModule } from './embeddings/embeddings.module.js';
import { EventsModule } from './events/events.module.js';
import { SPOOL_DIR } from './events/kafka-route-events.sink.js';
import type { GatewayEnv } from './gateway.env.js';
import { gatewayConfig } from './gateway.settings.factory.js';
import { HealthFeatureModule } from './health/health-feature.module.js';
import { HttpEdgeModule } from './http/http-edge.module.js';
import { MessagesModule } from './messages/messages.module.js';
import { ModelsModule } from './models/models.module.js';
import { PROVIDER_ADAPTERS } from './runtime/provider-adapters.token.js';
import { RoutingModule } from './routing/routing.module.js';
import { GATEWAY_SETTINGS } from './runtime/gateway.settings.js';
import { RuntimeModule } from './runtime/runtime.module.js';

/**
 * The gateway composed of its feature modules. `env` is the environment validated once at boot;
 * `raw` is read only for what the pack names at run time (provider keys, vendor base URLs).
 */
@Module({})
export class GatewayModule {
  static forRoot(env: GatewayEnv, raw: Readonly<NodeJS.ProcessEnv>): DynamicModule {
    const config = gatewayConfig(env, raw);
    return {
      module: GatewayModule,
      global: true,
      imports: [
        HealthModule,
        // Kafka is reported in /readyz but does not gate it: events are spooled while it is away.
        BusModule.forRoot({
          clientId: 'kt-gateway',
          brokers: config.settings.kafkaBrokers,
          env: raw,
          readinessRequired: false,
          topics: [...config.topics],
        }),
        PackModule.forRoot({
          path: config.packPath,
          reloadGroup: `kt-gateway-packs-${config.settings.instanceId}`,
          env: raw,
        }),
        RuntimeModule,
        EventsModule,
        AuthModule,
        BudgetsModule,
        HealthFeatureModule,
        RoutingModule,
        HttpEdgeModule,
        ChatModule,
        MessagesModule,
        EmbeddingsModule,
        ModelsModule,
      ],
      // The settings every feature module reads: global, so no feature imports back up to here.
      providers: [
        { provide: GATEWAY_SETTINGS, useValue: config.settings },
        { provide: LEASE_SETTINGS, useValue: config.lease },
        { provide: SPOOL_DIR, useValue: config.spoolDir },
        { provide: PROVIDER_ADAPTERS, useFactory: () => createAdapters(config.settings.secrets) },
      ],
      exports: [GATEWAY_SETTINGS, LEASE_SETTINGS, SPOOL_DIR, PROVIDER_ADAPTERS],
    };
  }
}
