import type { Kafka } from 'kafkajs';

declare const BUS_CLIENT: unique symbol;

/**
 * kt's handle on a Kafka cluster, made by `createKafka` and handed to the functions of `@kt/bus`.
 * It is opaque on purpose: the apps say what they want (join a group, seek, ensure topics) and this
 * library alone speaks kafkajs, so the client library can change without touching an app.
 */
export interface BusClient {
  readonly [BUS_CLIENT]: true;
}

// The handle is the kafkajs client itself, typed opaquely: no wrapper to allocate or forward through.
export function busClient(kafka: Kafka): BusClient {
  return kafka as unknown as BusClient;
}

/** The kafkajs client behind a handle; for this library's own files only (not exported by the barrel). */
export function kafkaOf(client: BusClient): Kafka {
  return client as unknown as Kafka;
}
