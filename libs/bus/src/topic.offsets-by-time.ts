import { kafkaOf, type BusClient } from './bus.client.js';
import type { Watermarks } from './topic.replay.js';

/**
 * Per partition, the first offset whose record timestamp is at or after `sinceMs` (the produce
 * time, not any time inside the event); a partition with no such record maps to its high watermark.
 */
export async function offsetsForTime(kafka: BusClient, topic: string, sinceMs: number): Promise<Watermarks> {
  const admin = kafkaOf(kafka).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsetsByTimestamp(topic, sinceMs);
    return new Map(offsets.map((o) => [o.partition, BigInt(o.offset)]));
  } finally {
    await admin.disconnect();
  }
}
