import { Module, type DynamicModule } from '@nestjs/common';
import { ReadinessService } from '@kt/service';
import type { Kafka as KafkaClient } from 'kafkajs';
import type { BusClientOptions } from './bus.config.js';
import { checkKafka } from './kafka.check.js';
import { createKafka } from './kafka.factory.js';

/** Injection token of the service's shared kafkajs client: `@Inject(KAFKA) kafka: KafkaClient`. */
export const KAFKA = Symbol('kt.bus.kafka');

const KAFKA_READINESS = Symbol('kt.bus.kafka-readiness');
const READINESS_TIMEOUT_MS = 2_000;

export interface BusModuleOptions extends BusClientOptions {
  /** false: Kafka shows in /readyz but does not gate it (the gateway spools events while Kafka is away). */
  readonly readinessRequired?: boolean;
}

/** Provides the Kafka client (token `KAFKA`) to the whole app and adds `kafka` to `/readyz`. */
@Module({})
export class BusModule {
  static forRoot(opts: BusModuleOptions = {}): DynamicModule {
    return {
      module: BusModule,
      global: true,
      providers: [
        { provide: KAFKA, useFactory: (): KafkaClient => createKafka(opts) },
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
      ],
      exports: [KAFKA],
    };
  }
}
