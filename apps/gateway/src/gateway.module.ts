import { hostname } from 'node:os';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { BusModule } from '@kt/bus';
import { topicConfigsFromEnv } from '@kt/contracts';
import { PackModule } from '@kt/pack-live';
import { createAdapters } from '@kt/providers';
import { HealthModule } from '@kt/service';
import { BudgetLeases } from './budgets/budget-leases.service.js';
import { BudgetStateFollower } from './budgets/budget-state.follower.js';
import { ChatController } from './chat/chat.controller.js';
import { ChatHandler } from './chat/chat.handler.js';
import { EmbeddingsController } from './embeddings/embeddings.controller.js';
import { EmbeddingsHandler } from './embeddings/embeddings.handler.js';
import { GatewayExceptionFilter } from './errors/gateway-exception.filter.js';
import { KafkaRouteEventSink, SPOOL_DIR } from './events/kafka-route-events.sink.js';
import { ROUTE_EVENT_SINK } from './events/route-events.sink.js';
import type { GatewayEnv } from './gateway.env.js';
import { BreakerOpeningSharer } from './health/breaker-opening.sharer.js';
import { ProbeSamplesFollower } from './health/probe-samples.follower.js';
import { IngressMetrics } from './http/ingress.metrics.js';
import { JsonBodyParser } from './http/json-body.parser.js';
import { RouteResponder } from './http/route.responder.js';
import { MessagesController } from './messages/messages.controller.js';
import { ModelsController } from './models/models.controller.js';
import { PROVIDER_ADAPTERS, RouteExecutor } from './routing/route.executor.js';
import { GatewayRuntime } from './runtime/gateway.runtime.js';
import { GATEWAY_SETTINGS, type GatewaySettings } from './runtime/gateway.settings.js';
import { SemanticRouter } from './semantic/semantic.router.js';
import { TargetsController } from './targets/targets.controller.js';
import { GatewayMetrics } from './telemetry/gateway.metrics.js';

@Module({})
export class GatewayModule {
  static forRoot(env: GatewayEnv): DynamicModule {
    const settings: GatewaySettings = {
      instanceId: env.KT_INSTANCE_ID ?? `${hostname()}-${process.pid}`,
      kafkaBrokers: env.KAFKA_BROKERS,
      timeouts: {
        connectMs: env.KT_UPSTREAM_CONNECT_TIMEOUT_MS,
        totalMs: env.KT_UPSTREAM_TIMEOUT_MS,
        firstTokenMs: env.KT_UPSTREAM_FIRST_TOKEN_TIMEOUT_MS,
      },
    };
    return {
      module: GatewayModule,
      imports: [
        HealthModule,
        // Kafka is reported in /readyz but does not gate it: events are spooled while it is away.
        BusModule.forRoot({
          clientId: 'kt-gateway',
          brokers: env.KAFKA_BROKERS,
          readinessRequired: false,
          topics: topicConfigsFromEnv(process.env),
        }),
        PackModule.forRoot({ path: env.KT_PACK, reloadGroup: `kt-gateway-packs-${settings.instanceId}` }),
      ],
      controllers: [
        ChatController,
        MessagesController,
        EmbeddingsController,
        ModelsController,
        TargetsController,
      ],
      providers: [
        { provide: GATEWAY_SETTINGS, useValue: settings },
        { provide: SPOOL_DIR, useValue: env.KT_SPOOL_DIR },
        { provide: PROVIDER_ADAPTERS, useFactory: () => createAdapters(process.env) },
        { provide: ROUTE_EVENT_SINK, useExisting: KafkaRouteEventSink },
        KafkaRouteEventSink,
        GatewayRuntime,
        ProbeSamplesFollower,
        BudgetStateFollower,
        BudgetLeases,
        BreakerOpeningSharer,
        SemanticRouter,
        RouteExecutor,
        GatewayMetrics,
        IngressMetrics,
        JsonBodyParser,
        RouteResponder,
        ChatHandler,
        EmbeddingsHandler,
        { provide: APP_FILTER, useClass: GatewayExceptionFilter },
      ],
    };
  }
}
