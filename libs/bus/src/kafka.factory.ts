import type { Kafka as KafkaClient } from 'kafkajs';
import { kafkaClientConfig, type BusClientOptions } from './bus.config.js';
import { Kafka } from './kafka.runtime.js';

/** A kafkajs client with kt's settings (see bus.config.ts); cheap, opens no connection by itself. */
export function createKafka(opts: BusClientOptions = {}): KafkaClient {
  return new Kafka(kafkaClientConfig(opts));
}
