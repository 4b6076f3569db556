import { busClient, type BusClient } from './bus.client.js';
import { kafkaClientConfig, type BusClientOptions } from './bus.config.js';
import { Kafka } from './kafka.runtime.js';

/** A Kafka client with kt's settings (see bus.config.ts); cheap, opens no connection by itself. */
export function createKafka(opts: BusClientOptions = {}): BusClient {
  return busClient(new Kafka(kafkaClientConfig(opts)));
}
