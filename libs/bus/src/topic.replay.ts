import { randomUUID } from 'node:crypto';
import { startBatchConsumer, type KafkaClient, type KafkaMessage } from '@kt/bus';

/** Per partition, the offset to read up to (exclusive). */
export type Watermarks = ReadonlyMap<number, bigint>;

export type ReplayBatch = (partition: number, messages: readonly KafkaMessage[]) => Promise<void>;

/** The topic's high watermarks now: what a replay "captured at start" reads up to. */
export async function highWatermarks(kafka: KafkaClient, topic: string): Promise<Watermarks> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads `topic` from its start up to `until` in a throw-away consumer group, batch by batch in
 * partition order, and resolves when every partition has reached its watermark.
 */
export async function replayTopic(
  kafka: KafkaClient,
  topic: string,
  until: Watermarks,
  onBatch: ReplayBatch,
  maxBytesPerPartition = 8 * 1024 * 1024,
  partitionsConcurrently = 3,
): Promise<void> {
  const pending = new Set([...until].filter(([, high]) => high > 0n).map(([p]) => p));
  if (pending.size === 0) return;
  let finish!: () => void;
  let fail!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const consumer = await startBatchConsumer(kafka, {
    groupId: `kt-ledger-replay-${randomUUID()}`,
    topics: [topic],
    fromBeginning: true,
    autoCommit: false,
    maxBytesPerPartition,
    partitionsConsumedConcurrently: partitionsConcurrently,
    handleBatch: async ({ batch, resolveOffset, heartbeat }) => {
      const high = until.get(batch.partition) ?? 0n;
      const wanted = batch.messages.filter((m) => BigInt(m.offset) < high);
      try {
        if (wanted.length > 0) await onBatch(batch.partition, wanted);
      } catch (error) {
        fail(error);
        throw error;
      }
      resolveOffset(batch.lastOffset());
      await heartbeat();
      if (BigInt(batch.lastOffset()) + 1n >= high && pending.delete(batch.partition) && pending.size === 0) {
        finish();
      }
    },
  });
  try {
    await done;
  } finally {
    await consumer.stop();
  }
}
