import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createKafka,
  ensureTopics,
  EventPublisher,
  PUBLISHER_CLIENT_RETRY,
  startBatchConsumer,
  type EventPublisherOptions,
  type BusClient,
  type PublishRecord,
} from '@kt/bus';
import { claimPort, startKafka, type PortClaim, type RunningKafka } from '@kt/local-infra';

export const say = (line: string): void => {
  process.stdout.write(`[publisher] ${line}\n`);
};

export async function eventually(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A client the way the gateway should make one for its publisher: connection retries kept short. */
export function publisherKafka(brokers: string): BusClient {
  return createKafka({ clientId: 'kt-publisher-test', brokers, retry: PUBLISHER_CLIENT_RETRY });
}

export async function newTopic(kafka: BusClient, name: string, numPartitions = 3): Promise<string> {
  const topic = `kt.test.publisher-${name}-${randomUUID().slice(0, 8)}.v1`;
  await ensureTopics(kafka, [{ topic, numPartitions }]);
  return topic;
}

export async function tempSpoolDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'kt-spool-test-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export function startedPublisher(kafka: BusClient, opts: EventPublisherOptions): Promise<EventPublisher> {
  const publisher = new EventPublisher(kafka, opts);
  return publisher.start().then(() => publisher);
}

/** The record number `n` of a test: key `r-<n>`, value its number, so order per key can be checked. */
export function record(topic: string, n: number, key = `r-${n}`): PublishRecord {
  return { topic, key, value: Buffer.from(String(n)), headers: { 'kt-test': 'publisher' } };
}

/** Every record on `topic`, read from the beginning until `expectedKeys` distinct keys arrived. */
export async function readTopic(
  kafka: BusClient,
  topic: string,
  expectedKeys: number,
  timeoutMs = 60_000,
): Promise<{ readonly countByKey: Map<string, number>; readonly valuesByKey: Map<string, number[]> }> {
  const countByKey = new Map<string, number>();
  const valuesByKey = new Map<string, number[]>();
  const consumer = await startBatchConsumer(kafka, {
    groupId: `kt-publisher-test-${randomUUID()}`,
    topics: [topic],
    fromBeginning: true,
    handleBatch: async ({ batch, resolveOffset }) => {
      for (const message of batch.messages) {
        const key = message.key?.toString() ?? '';
        countByKey.set(key, (countByKey.get(key) ?? 0) + 1);
        const values = valuesByKey.get(key) ?? [];
        values.push(Number(message.value?.toString()));
        valuesByKey.set(key, values);
        resolveOffset(message.offset);
      }
    },
  });
  try {
    await eventually(() => countByKey.size >= expectedKeys, timeoutMs, `reading ${expectedKeys} keys`);
    // A short grace period lets duplicates that trail the last new key show up in the counts.
    await new Promise((resolve) => setTimeout(resolve, 300));
  } finally {
    await consumer.stop();
  }
  return { countByKey, valuesByKey };
}

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** A broker of the test's own that it may stop and start again on the same data (not the run's). */
export interface OwnBroker {
  readonly brokers: string;
  stop(): Promise<void>;
  /** Starts it again on the same port and data dir. */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startOwnBroker(): Promise<OwnBroker> {
  const claims: PortClaim[] = [await claimPort(19192)];
  claims.push(await claimPort(19193, [claims[0]!.port]));
  const [port, controllerPort] = claims.map((c) => c.port) as [number, number];
  const dataDir = join(REPO, '.kt', 'test-kafka-publisher', String(port));
  let running: RunningKafka | undefined;
  const start = async (fresh: boolean): Promise<void> => {
    running = await startKafka({
      port,
      controllerPort,
      dataDir,
      fresh,
      heap: { min: '128m', max: '512m' },
      javaHome: process.env.JAVA_HOME,
    });
  };
  try {
    await start(true);
  } catch (error) {
    await Promise.all(claims.map((c) => c.release()));
    throw error;
  }
  const stop = async (): Promise<void> => {
    await running?.stop();
    running = undefined;
  };
  return {
    brokers: `localhost:${port}`,
    stop,
    start: () => start(false),
    destroy: async () => {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
      await rmdir(dirname(dataDir)).catch(() => undefined); // only when no other run's broker is in it
      await Promise.all(claims.map((c) => c.release()));
    },
  };
}
