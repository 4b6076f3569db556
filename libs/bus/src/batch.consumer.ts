import type { Consumer, EachBatchPayload, Kafka as KafkaClient } from 'kafkajs';
import { traceBatch } from '@kt/telemetry';
import { CONSUMER_TIMEOUTS } from './bus.config.js';

export interface BatchConsumerOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Where a group with no committed offset starts; default false (only new records). */
  readonly fromBeginning?: boolean;
  /** Commit resolved offsets to Kafka; false when offsets live elsewhere (the ledger keeps them in Postgres). */
  readonly autoCommit?: boolean;
  readonly partitionsConsumedConcurrently?: number;
  readonly maxBytesPerPartition?: number;
  /**
   * Handles one fetched batch of one partition. Offsets are resolved by hand: call
   * `resolveOffset(message.offset)` for each message done, `heartbeat()` during long work.
   */
  readonly handleBatch: (payload: EachBatchPayload) => Promise<void>;
  /** Longest `stop()` waits for kafkajs to leave the group (default 5 s). */
  readonly stopTimeoutMs?: number;
  /**
   * With tracing on, handles each batch under a consumer span that continues the traces of the
   * records' `traceparent` headers (see `traceBatch`); nothing changes with tracing off.
   */
  readonly traced?: boolean;
}

export interface BatchConsumer {
  /** The underlying consumer, for seek/pause/instrumentation by the library that owns it. */
  readonly raw: Consumer;
  stop(): Promise<void>;
}

/**
 * Subscribes and runs a batch consumer with kt's group timeouts and manual offset resolution;
 * resolves once the consumer has joined its group. With auto-commit, offsets resolved in a batch
 * are committed after it; those of a batch cut short by `stop()` may be delivered again.
 */
export async function startBatchConsumer(
  kafka: KafkaClient,
  opts: BatchConsumerOptions,
): Promise<BatchConsumer> {
  const raw = kafka.consumer({
    groupId: opts.groupId,
    ...CONSUMER_TIMEOUTS,
    allowAutoTopicCreation: false,
    ...(opts.maxBytesPerPartition ? { maxBytesPerPartition: opts.maxBytesPerPartition } : {}),
  });
  await raw.connect();
  try {
    await raw.subscribe({ topics: [...opts.topics], fromBeginning: opts.fromBeginning ?? false });
    await raw.run({
      autoCommit: opts.autoCommit ?? true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: opts.partitionsConsumedConcurrently ?? 1,
      eachBatch: opts.traced
        ? (payload) =>
            traceBatch(
              {
                topic: payload.batch.topic,
                partition: payload.batch.partition,
                group: opts.groupId,
                messages: payload.batch.messages,
              },
              () => opts.handleBatch(payload),
            )
        : opts.handleBatch,
    });
  } catch (error) {
    await raw.disconnect().catch(() => undefined);
    throw error;
  }
  return { raw, stop: () => disconnectWithin(raw, opts.stopTimeoutMs ?? STOP_TIMEOUT_MS) };
}

const STOP_TIMEOUT_MS = 5_000;

/**
 * kafkajs' disconnect can wait forever for a broker that has gone away (it tries to leave the group
 * politely); a service shutting down must not, so the wait is bounded and the sockets are dropped.
 */
async function disconnectWithin(consumer: Consumer, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([consumer.disconnect().catch(() => undefined), timedOut]);
  clearTimeout(timer);
}
