import type { Consumer } from 'kafkajs';
import { traceBatch } from '@kt/telemetry';
import { kafkaOf, type BusClient } from './bus.client.js';
import { CONSUMER_TIMEOUTS } from './bus.config.js';
import type { BatchContext } from './bus.types.js';

/** Per topic, the partitions this member was given when it (re)joined its group. */
export type GroupAssignment = Readonly<Record<string, readonly number[]>>;

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
  readonly handleBatch: (context: BatchContext) => Promise<void>;
  /** Longest `stop()` waits for the consumer to leave the group (default 5 s). */
  readonly stopTimeoutMs?: number;
  /**
   * With tracing on, handles each batch under a consumer span that continues the traces of the
   * records' `traceparent` headers (see `traceBatch`); nothing changes with tracing off.
   */
  readonly traced?: boolean;
  /** Told of each assignment; set before the group is joined, so the first one is not missed. */
  readonly onGroupJoin?: (assignment: GroupAssignment) => void;
  /**
   * Told when the consumer crashes. `restarting` true: it rejoins by itself; false: it has stopped
   * for good and the owner decides what to do (stop it, start another).
   */
  readonly onCrash?: (error: unknown, restarting: boolean) => void;
}

export interface BatchConsumer {
  /** Continues `partition` of `topic` from `offset` (the batch in hand becomes stale). */
  seek(topic: string, partition: number, offset: string): void;
  stop(): Promise<void>;
}

/**
 * Subscribes and runs a batch consumer with kt's group timeouts and manual offset resolution;
 * resolves once the consumer has joined its group. With auto-commit, offsets resolved in a batch
 * are committed after it; those of a batch cut short by `stop()` may be delivered again.
 */
export async function startBatchConsumer(
  client: BusClient,
  opts: BatchConsumerOptions,
): Promise<BatchConsumer> {
  const raw = kafkaOf(client).consumer({
    groupId: opts.groupId,
    ...CONSUMER_TIMEOUTS,
    allowAutoTopicCreation: false,
    ...(opts.maxBytesPerPartition ? { maxBytesPerPartition: opts.maxBytesPerPartition } : {}),
  });
  listen(raw, opts);
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
  return {
    seek: (topic, partition, offset) => raw.seek({ topic, partition, offset }),
    stop: () => disconnectWithin(raw, opts.stopTimeoutMs ?? STOP_TIMEOUT_MS),
  };
}

// Listeners go on before run(): the first assignment arrives while run() is joining.
function listen(raw: Consumer, opts: BatchConsumerOptions): void {
  const { onGroupJoin, onCrash } = opts;
  if (onGroupJoin) raw.on(raw.events.GROUP_JOIN, (event) => onGroupJoin(event.payload.memberAssignment));
  if (onCrash) raw.on(raw.events.CRASH, (event) => onCrash(event.payload.error, event.payload.restart));
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
