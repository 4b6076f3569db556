import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { servicePublisher, spoolCheck, type EventPublisher, type PublisherStats } from '@kt/bus';
import { ReadinessService } from '@kt/service';
import {
  encodeEvent,
  PROBE_SAMPLES_TOPIC,
  ROUTE_EVENTS_TOPIC,
  type ProbeSampled,
  type RouteEvent,
} from '@kt/contracts';
import {
  PROBER_SECRETS,
  PROBER_SETTINGS,
  type ProberSecrets,
  type ProberSettings,
} from '../prober.settings.js';

/**
 * Samples (keyed by target id) and the route events of `completion` probes (keyed by request id),
 * through the bus' non-blocking publisher: probing never waits for Kafka, and what is produced
 * during an outage waits in the spool (the cost of completion probes must not be lost).
 */
@Injectable()
export class ProbeEventsPublisher implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('probe-events');
  private readonly publisher: EventPublisher;
  private readonly env: ProberSecrets;

  constructor(
    @Inject(PROBER_SETTINGS) settings: ProberSettings,
    @Inject(PROBER_SECRETS) secrets: ProberSecrets,
    private readonly readiness: ReadinessService,
  ) {
    this.publisher = servicePublisher({
      clientId: 'kt-prober-events',
      brokers: settings.kafkaBrokers,
      env: secrets,
      spoolDir: settings.spoolDir,
      instance: settings.instanceId,
      source: 'kt-prober',
      topics: [PROBE_SAMPLES_TOPIC, ROUTE_EVENTS_TOPIC],
      // Kafkajs' messages and ours, never payloads.
      onError: (error) => this.logger.warn(error.message),
    });
    this.env = secrets;
  }

  async onModuleInit(): Promise<void> {
    await this.publisher.start();
    const spool = spoolCheck(this.publisher, 'probe events', this.env);
    this.readiness.register('event-spool', spool.check, { required: spool.required });
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
