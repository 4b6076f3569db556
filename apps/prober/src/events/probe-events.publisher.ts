import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  createKafka,
  EventPublisher,
  PUBLISHER_CLIENT_RETRY,
  spoolMaxAgeMs,
  spoolAgeGatesReadiness,
  spoolReadiness,
  type PublisherStats,
} from '@kt/bus';
import { ReadinessService } from '@kt/service';
import {
  encodeEvent,
  PROBE_SAMPLES_TOPIC,
  ROUTE_EVENTS_TOPIC,
  type ProbeSampled,
  type RouteEvent,
} from '@kt/contracts';
import { PROBER_SETTINGS, type ProberSettings } from '../prober.settings.js';

/**
 * Samples (keyed by target id) and the route events of `completion` probes (keyed by request id),
 * through the bus' non-blocking publisher: probing never waits for Kafka, and what is produced
 * during an outage waits in the spool (the cost of completion probes must not be lost).
 */
@Injectable()
export class ProbeEventsPublisher implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('probe-events');
  private readonly publisher: EventPublisher;

  constructor(
    @Inject(PROBER_SETTINGS) settings: ProberSettings,
    private readonly readiness: ReadinessService,
  ) {
    const kafka = createKafka({
      clientId: 'kt-prober-events',
      brokers: settings.kafkaBrokers,
      retry: PUBLISHER_CLIENT_RETRY,
    });
    this.publisher = new EventPublisher(kafka, {
      spoolDir: settings.spoolDir,
      instance: settings.instanceId,
      source: 'kt-prober',
      topics: [PROBE_SAMPLES_TOPIC, ROUTE_EVENTS_TOPIC],
      // Rate-limited per reason by the publisher; kafkajs' messages and ours, never payloads.
      onError: (error) => this.logger.warn(error.message),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.publisher.start();
    // Degraded (with the reason) once events have waited on disk longer than the threshold;
    // unready too only with KT_SPOOL_READINESS=fail.
    this.readiness.register('event-spool', spoolReadiness(this.publisher, spoolMaxAgeMs(), 'probe events'), {
      required: spoolAgeGatesReadiness(),
    });
  }

  sample(sample: ProbeSampled): void {
    this.publisher.publish({ topic: PROBE_SAMPLES_TOPIC, key: sample.target, value: encodeEvent(sample) });
  }

  routeEvent(event: RouteEvent): void {
    this.publisher.publish({ topic: ROUTE_EVENTS_TOPIC, key: event.request_id, value: encodeEvent(event) });
  }

  stats(): PublisherStats {
    return this.publisher.stats();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.close({ timeoutMs: 5_000 });
  }
}
