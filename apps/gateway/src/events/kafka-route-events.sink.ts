import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { encodeEvent, ROUTE_EVENTS_TOPIC, type RouteEvent } from '@kt/contracts';
import { servicePublisher, spoolCheck, type EventPublisher } from '@kt/bus';
import { ReadinessService } from '@kt/service';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../runtime/gateway.settings.js';
import type { RouteEventSink } from './route-events.sink.js';

export const SPOOL_DIR = Symbol('kt.gateway.spool-dir');

/**
 * Route events to `kt.route-events.v1`, keyed by request id, through the bus' bounded queue and
 * durable spool: publishing never waits for Kafka, and nothing is lost while it is away.
 */
@Injectable()
export class KafkaRouteEventSink implements RouteEventSink, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('route-events');
  private readonly publisher: EventPublisher;
  private readonly env: GatewaySettings['secrets'];

  constructor(
    @Inject(SPOOL_DIR) spoolDir: string,
    @Inject(GATEWAY_SETTINGS) settings: GatewaySettings,
    private readonly readiness: ReadinessService,
  ) {
    this.publisher = servicePublisher({
      clientId: 'kt-gateway-events',
      brokers: settings.kafkaBrokers,
      env: settings.secrets,
      spoolDir,
      instance: settings.instanceId,
      source: 'kt-gateway',
      topics: [ROUTE_EVENTS_TOPIC],
      // Kafkajs' messages and ours, never payloads.
      onError: (error) => this.logger.warn(error.message),
    });
    this.env = settings.secrets;
  }

  async onModuleInit(): Promise<void> {
    await this.publisher.start();
    const spool = spoolCheck(this.publisher, 'route events', this.env);
    this.readiness.register('event-spool', spool.check, { required: spool.required });
  }

  publish(event: RouteEvent): void {
    this.publisher.publish({ topic: ROUTE_EVENTS_TOPIC, key: event.request_id, value: encodeEvent(event) });
  }

  stats(): ReturnType<EventPublisher['stats']> {
    return this.publisher.stats();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.close({ timeoutMs: 10_000 });
  }
}
