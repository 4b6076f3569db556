import { setTimeout as delay } from 'node:timers/promises';
import { createKafka, ensureTopics } from '@kt/bus';
import { ROUTE_EVENTS_TOPIC, topicConfigs } from '@kt/contracts';
import { kafkaAdmin } from '../../test/support/kafka.client.js';

/** The suite's topics, as `kt up` creates them: the broker does not auto-create topics. */
export async function ensureSuiteTopics(brokers: string): Promise<void> {
  await ensureTopics(createKafka({ clientId: 'kt-bench', brokers }), topicConfigs());
}

/** Records in the route-event topic (the bench broker is fresh, so all of them are this run's). */
export async function countRouteEvents(brokers: string): Promise<number> {
  const admin = kafkaAdmin(createKafka({ clientId: 'kt-bench', brokers }));
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(ROUTE_EVENTS_TOPIC);
    return offsets.reduce((sum, p) => sum + (Number(p.high) - Number(p.low)), 0);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Waits for the gateway's publisher to catch up: until at least `expected` route events are in
 * Kafka, or the count stops growing for a few seconds. Returns the last count.
 */
export async function settledRouteEventCount(
  brokers: string,
  expected: number,
  timeoutMs = 60_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let stableSince = Date.now();
  for (;;) {
    const count = await countRouteEvents(brokers);
    if (count >= expected || Date.now() > deadline) return count;
    if (count !== last) {
      last = count;
      stableSince = Date.now();
    } else if (Date.now() - stableSince > 5_000) return count;
    await delay(500);
  }
}
