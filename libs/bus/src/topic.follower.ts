import type { BusClient } from './bus.client.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { startBatchConsumer, type BatchConsumer, type BatchConsumerOptions } from './batch.consumer.js';

export interface FollowOptions extends BatchConsumerOptions {
  /** Told why the consumer could not start yet and when it tries again. */
  readonly onRetry?: (error: unknown, delayMs: number) => void;
  readonly maxDelayMs?: number;
}

export interface TopicFollower {
  /** Resolves once the consumer runs (never rejects; it keeps retrying until stopped). */
  readonly started: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs a batch consumer that a service wants but must not wait for: it starts in the background and
 * retries with backoff (1 s doubling to 30 s) while Kafka or the topic is unavailable, so the service
 * starts and serves meanwhile.
 */
export function followTopic(kafka: BusClient, options: FollowOptions): TopicFollower {
  let consumer: BatchConsumer | undefined;
  let stopping = false;
  const started = (async (): Promise<void> => {
    for (let delayMs = 1_000; !stopping; delayMs = Math.min(delayMs * 2, options.maxDelayMs ?? 30_000)) {
      try {
        const running = await startBatchConsumer(kafka, options);
        if (stopping) await running.stop();
        else consumer = running;
        return;
      } catch (error) {
        options.onRetry?.(error, delayMs);
        await sleep(delayMs, undefined, { ref: false });
      }
    }
  })();
  return {
    started,
    stop: async () => {
      stopping = true;
      await consumer?.stop();
    },
  };
}
