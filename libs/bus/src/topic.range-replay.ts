import { randomUUID } from 'node:crypto';
import type { BusClient } from './bus.client.js';
import { startBatchConsumer } from './batch.consumer.js';
import { topicWatermarks, type ReplayBatch, type Watermarks } from './topic.replay.js';

export interface RangeReplayOptions {
  /** Per partition, the first offset to read (inclusive); a partition not listed is read from its beginning. */
  readonly from: Watermarks;
  /** Per partition, the offset to stop at (exclusive), usually the high watermarks captured at start. */
  readonly until: Watermarks;
  readonly maxBytesPerPartition?: number;
  readonly partitionsConcurrently?: number;
  /** Prefix of the throw-away consumer group's name. */
  readonly groupPrefix?: string;
  /** Aborting stops the replay: the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/**
 * Reads `[from, until)` of every partition of `topic` in a throw-away consumer group and resolves
 * once each partition has reached its end; `replayTopic` is the special case `from` = 0.
 */
export async function replayRange(
  kafka: BusClient,
  topic: string,
  opts: RangeReplayOptions,
  onBatch: ReplayBatch,
): Promise<void> {
  // Retention may have removed the start of a partition, or all of it (low = high): such a partition
  // is read from its low watermark, or not at all, since no batch would ever arrive to end it.
  const { low: stored } = await topicWatermarks(kafka, topic);
  const start = (p: number): bigint => {
    const from = opts.from.get(p) ?? 0n;
    const low = stored.get(p) ?? 0n;
    return from > low ? from : low;
  };
  const pending = new Set([...opts.until].filter(([p, high]) => high > start(p)).map(([p]) => p));
  if (pending.size === 0) return;
  let finish!: () => void;
  let fail!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const consumer = await startBatchConsumer(kafka, {
    groupId: `${opts.groupPrefix ?? 'kt-range-replay'}-${randomUUID()}`,
    topics: [topic],
    fromBeginning: true,
    autoCommit: false,
    maxBytesPerPartition: opts.maxBytesPerPartition ?? 8 * 1024 * 1024,
    partitionsConsumedConcurrently: opts.partitionsConcurrently ?? 3,
    handleBatch: async ({ batch, resolveOffset, heartbeat }) => {
      const low = start(batch.partition);
      const high = opts.until.get(batch.partition) ?? 0n;
      // A fetch issued before the seek below took effect may still start lower: drop those records.
      const wanted = batch.messages.filter((m) => BigInt(m.offset) >= low && BigInt(m.offset) < high);
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
  const abort = (): void => fail(opts.signal?.reason ?? new Error('replay aborted'));
  if (opts.signal?.aborted) abort();
  opts.signal?.addEventListener('abort', abort, { once: true });
  // A partition `from` does not list is read from its beginning (the group is new), so needs no seek.
  for (const p of pending) {
    if (opts.from.has(p)) consumer.seek(topic, p, start(p).toString());
  }
  try {
    await done;
  } finally {
    opts.signal?.removeEventListener('abort', abort);
    await consumer.stop();
  }
}
