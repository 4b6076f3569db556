import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { encodeEvent, ROUTE_EVENTS_TOPIC, type RouteEvent } from '@kt/contracts';
import {
  createKafka,
  EventPublisher,
  PUBLISHER_CLIENT_RETRY,
  spoolAgeGatesReadiness,
  spoolMaxAgeMs,
  spoolReadiness,
} from '@kt/bus';
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

  constructor(
    @Inject(SPOOL_DIR) spoolDir: string,
    @Inject(GATEWAY_SETTINGS) settings: GatewaySettings,
    private readonly readiness: ReadinessService,
  ) {
    // Its own client with short connection retries, so an outage is noticed in about a second and
    // events go to the spool instead of waiting on kafkajs' longer default retries.
    const kafka = createKafka({
      clientId: 'kt-gateway-events',
      brokers: settings.kafkaBrokers,
      retry: PUBLISHER_CLIENT_RETRY,
    });
    this.publisher = new EventPublisher(kafka, {
      spoolDir,
      instance: settings.instanceId,
      source: 'kt-gateway',
      topics: [ROUTE_EVENTS_TOPIC],
      // Rate-limited per reason by the publisher; kafkajs' messages and ours, never payloads.
      onError: (error) => this.logger.warn(error.message),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.publisher.start();
    // Degraded (with the reason) once events have waited on disk longer than the threshold;
    // unready too only with KT_SPOOL_READINESS=fail.
    this.readiness.register('event-spool', spoolReadiness(this.publisher, spoolMaxAgeMs(), 'route events'), {
      required: spoolAgeGatesReadiness(),
    });
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
