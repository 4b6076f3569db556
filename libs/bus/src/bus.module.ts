import type { BusClient } from './bus.client.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { ReadinessService } from '@kt/service';
import type { BusClientOptions } from './bus.config.js';
import { checkKafka } from './kafka.check.js';
import { createKafka } from './kafka.factory.js';
import { ensureTopics, type TopicSpec } from './topics.ensure.js';

/** Injection token of the service's shared Kafka client: `@Inject(KAFKA) kafka: BusClient`. */
export const KAFKA = Symbol('kt.bus.kafka');

const KAFKA_READINESS = Symbol('kt.bus.kafka-readiness');
const TOPICS_ENSURED = Symbol('kt.bus.topics-ensured');
const READINESS_TIMEOUT_MS = 2_000;

export interface BusModuleOptions extends BusClientOptions {
  /** false: Kafka shows in /readyz but does not gate it (the gateway spools events while Kafka is away). */
  readonly readinessRequired?: boolean;
  /**
   * Topics this service needs, created at startup when missing (idempotent; in the background with
   * retries, so a service never waits on Kafka to start). Every service passes kt's topic catalog, so
   * any deployment — kt up, compose, Kubernetes — gets its topics from whichever service starts first.
   */
  readonly topics?: readonly TopicSpec[];
}

/** Provides the Kafka client (token `KAFKA`) to the whole app and adds `kafka` to `/readyz`. */
@Module({})
export class BusModule {
  static forRoot(opts: BusModuleOptions = {}): DynamicModule {
    return {
      module: BusModule,
      global: true,
      providers: [
        { provide: KAFKA, useFactory: (): BusClient => createKafka(opts) },
        {
          provide: KAFKA_READINESS,
          inject: [{ token: ReadinessService, optional: true }],
          useFactory: (readiness?: ReadinessService): boolean => {
            // Its own client without connection retries, so /readyz answers at once when Kafka is down.
            const probe = createKafka({ ...opts, retry: { retries: 0 } });
            readiness?.register('kafka', () => checkKafka(probe, READINESS_TIMEOUT_MS), {
              required: opts.readinessRequired ?? true,
            });
            return readiness !== undefined;
          },
        },
        {
          provide: TOPICS_ENSURED,
          inject: [KAFKA],
          useFactory: (kafka: BusClient): boolean => {
            if (opts.topics && opts.topics.length > 0) void ensureInBackground(kafka, opts.topics);
            return true;
          },
        },
      ],
      exports: [KAFKA],
    };
  }
}

async function ensureInBackground(kafka: BusClient, topics: readonly TopicSpec[]): Promise<void> {
  const logger = new Logger('bus');
  for (let delayMs = 1_000; ; delayMs = Math.min(delayMs * 2, 30_000)) {
    try {
      const { created } = await ensureTopics(kafka, topics);
      if (created.length > 0) logger.log(`created topics ${created.join(', ')}`);
      return;
    } catch (error) {
      logger.warn(`topics not ensured yet (${String(error)}); retrying in ${delayMs / 1000} s`);
      await sleep(delayMs);
    }
  }
}
