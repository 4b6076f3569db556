// The one place tests and benches reach kafkajs itself: to act on the broker as an operator would
// (admin requests, ACLs, a consumer outside kt's settings), which no app needs `@kt/bus` to offer.
import kafkajs, { type Admin, type Kafka } from 'kafkajs';
import type { BusClient } from '@kt/bus';

export const {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ConfigResourceTypes,
  ResourcePatternTypes,
} = kafkajs;

/** The kafkajs client behind a client made by `createKafka` (which hands out that client, typed opaquely). */
export function rawKafka(client: BusClient): Kafka {
  const kafka = client as unknown as Kafka;
  if (typeof kafka.admin !== 'function') throw new Error('not a client made by createKafka');
  return kafka;
}

/** An admin client of `client`'s cluster, with its settings (brokers, security). */
export function kafkaAdmin(client: BusClient): Admin {
  return rawKafka(client).admin();
}
