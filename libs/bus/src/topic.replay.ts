import { kafkaOf, type BusClient } from './bus.client.js';
import type { BusRecord } from './bus.types.js';
import { replayRange } from './topic.range-replay.js';

/** Per partition, the offset to read up to (exclusive). */
export type Watermarks = ReadonlyMap<number, bigint>;

export type ReplayBatch = (partition: number, messages: readonly BusRecord[]) => Promise<void>;

/** The topic's high watermarks now: what a replay "captured at start" reads up to. */
export async function highWatermarks(kafka: BusClient, topic: string): Promise<Watermarks> {
  return (await topicWatermarks(kafka, topic)).high;
}

/** Per partition, the first offset still stored (`low`, moved up by retention) and the next one (`high`). */
export async function topicWatermarks(
  kafka: BusClient,
  topic: string,
): Promise<{ readonly low: Watermarks; readonly high: Watermarks }> {
  const admin = kafkaOf(kafka).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return {
      low: new Map(offsets.map((o) => [o.partition, BigInt(o.low)])),
      high: new Map(offsets.map((o) => [o.partition, BigInt(o.high)])),
    };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads `topic` from its start up to `until` in a throw-away consumer group, batch by batch in
 * partition order, and resolves when every partition has reached its watermark.
 */
export function replayTopic(
  kafka: BusClient,
  topic: string,
  until: Watermarks,
  onBatch: ReplayBatch,
  maxBytesPerPartition = 8 * 1024 * 1024,
  partitionsConcurrently = 3,
): Promise<void> {
  // No `from`: every partition is read from its beginning, without a seek.
  return replayRange(
    kafka,
    topic,
    { from: new Map(), until, maxBytesPerPartition, partitionsConcurrently, groupPrefix: 'kt-ledger-replay' },
    onBatch,
  );
}
