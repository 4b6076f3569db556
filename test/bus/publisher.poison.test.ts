import { randomUUID } from 'node:crypto';
import { createHash } from 'node:crypto';
import {
  createKafka,
  ensureTopics,
  startBatchConsumer,
  type EventPublisher,
  type BusClient,
  type PublishRecord,
} from '@kt/bus';
import { DEAD_LETTER_TOPIC, decodeDeadLetter, topicConfigs, type DeadLetterEvent } from '@kt/contracts';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SpoolStore } from '../../libs/bus/src/publisher/spool.store.js';
import { kafkaBrokers } from '../setup/infra.js';
import {
  eventually,
  publisherKafka,
  readTopic,
  record,
  startedPublisher,
  tempSpoolDir,
} from './publisher.fixture.js';

/**
 * ensureTopics, retried: right after creation a broker may answer the leader wait with "does not
 * host this topic-partition" (its metadata not caught up yet); the next call finds the topics made.
 */
async function ensure(kafka: BusClient, specs: Parameters<typeof ensureTopics>[1]): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await ensureTopics(kafka, specs);
      return;
    } catch (error) {
      if (attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** A topic of its own whose `max.message.bytes` is small, so a "too large" record is cheap to make. */
async function smallTopic(kafka: BusClient, maxMessageBytes: number): Promise<string> {
  const topic = `kt.test.publisher-poison-${randomUUID().slice(0, 8)}.v1`;
  await ensure(kafka, [
    { topic, numPartitions: 3, configEntries: { 'max.message.bytes': String(maxMessageBytes) } },
  ]);
  return topic;
}

const poison = (topic: string, bytes: number): PublishRecord => ({
  topic,
  key: 'poison',
  value: Buffer.alloc(bytes, 0x61),
});

/** The produce-stage dead letters on `kt.dead-letter.v1` for `sourceTopic`, once `count` arrived. */
async function deadLettersFor(
  kafka: BusClient,
  sourceTopic: string,
  count: number,
): Promise<DeadLetterEvent[]> {
  const found: DeadLetterEvent[] = [];
  const consumer = await startBatchConsumer(kafka, {
    groupId: `kt-publisher-poison-${randomUUID()}`,
    topics: [DEAD_LETTER_TOPIC],
    fromBeginning: true,
    handleBatch: async ({ batch, resolveOffset }) => {
      for (const message of batch.messages) {
        const decoded = decodeDeadLetter(message.value);
        if (decoded.ok && decoded.value.source_topic === sourceTopic) found.push(decoded.value);
        resolveOffset(message.offset);
      }
    },
  });
  try {
    await eventually(() => found.length >= count, 60_000, `reading ${count} dead letters`);
  } finally {
    await consumer.stop();
  }
  return found;
}

describe('the event publisher with a record that can never be published', () => {
  let kafka: BusClient;
  // Topics are made with kt's default client retries: leaders of new topics take a moment.
  let admin: BusClient;
  const cleanups: (() => Promise<unknown>)[] = [];

  const publisherOn = async (
    dir: string,
    opts: { maxMessageBytes?: number; topics?: readonly string[] } = {},
  ): Promise<EventPublisher> => {
    const publisher = await startedPublisher(kafka, { spoolDir: dir, source: 'kt-test', ...opts });
    cleanups.push(() => publisher.close());
    return publisher;
  };

  beforeAll(async () => {
    kafka = publisherKafka(kafkaBrokers());
    admin = createKafka({ clientId: 'kt-test-topics', brokers: kafkaBrokers() });
    await ensure(admin, topicConfigs());
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('dead-letters a record over the topic’s limit before it is queued, and every record after it arrives', async () => {
    const topic = await smallTopic(admin, 20_000);
    const spool = await tempSpoolDir();
    cleanups.push(spool.remove);
    // Told its topic up front, it knows the topic's limit before the first record.
    const publisher = await publisherOn(spool.dir, { topics: [topic] });

    for (let n = 0; n < 10; n += 1) publisher.publish(record(topic, n));
    publisher.publish(poison(topic, 50_000));
    for (let n = 10; n < 50; n += 1) publisher.publish(record(topic, n));

    // 50 records and the dead letter acknowledged; none sent twice, nothing failed.
    await eventually(() => publisher.stats().sent >= 51, 30_000, 'sending');
    expect(publisher.stats()).toMatchObject({ sent: 51, failedSends: 0, deadLettered: 1 });
    // A group made right after the topic may miss its fresh partitions: let the metadata settle.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const { countByKey } = await readTopic(kafka, topic, 50);
    expect(countByKey.has('poison')).toBe(false);
    expect(countByKey.size).toBe(50);
    const [letter, ...more] = await deadLettersFor(kafka, topic, 1);
    expect(more).toEqual([]);
    expect(letter).toMatchObject({
      stage: 'produce',
      key: 'poison',
      partition: -1,
      offset: '-1',
      consumer_group: 'kt-test',
      value_truncated: true,
      value_bytes: 50_000,
      value_sha256: createHash('sha256').update(Buffer.alloc(50_000, 0x61)).digest('hex'),
    });
    expect(letter?.reason).toMatch(
      new RegExp(`^RECORD_TOO_LARGE: \\d+ bytes encoded, ${topic} accepts at most 20000$`),
    );
    expect(letter?.value.length).toBe(1024);
    await eventually(() => publisher.stats().state === 'connected', 10_000, 'settling');
    expect(publisher.stats()).toMatchObject({ deadLettered: 1, spooledRecords: 0, failedSends: 0 });
  }, 90_000);

  it('dead-letters a record the broker refuses (MESSAGE_TOO_LARGE) alone, keeping the rest of its batch', async () => {
    const topic = await smallTopic(admin, 20_000);
    const spool = await tempSpoolDir();
    cleanups.push(spool.remove);
    // An override above the topic's limit: the size check lets it through, the broker refuses it.
    const publisher = await publisherOn(spool.dir, { maxMessageBytes: 10_000_000 });

    for (let n = 0; n < 20; n += 1) publisher.publish(record(topic, n));
    publisher.publish(poison(topic, 50_000));
    for (let n = 20; n < 60; n += 1) publisher.publish(record(topic, n));

    const { countByKey } = await readTopic(kafka, topic, 60);
    expect(countByKey.has('poison')).toBe(false);
    const [letter] = await deadLettersFor(kafka, topic, 1);
    expect(letter).toMatchObject({ key: 'poison', reason: 'MESSAGE_TOO_LARGE: refused by the broker' });
    expect(publisher.stats().errors.MESSAGE_TOO_LARGE).toBeGreaterThanOrEqual(1);
    await eventually(() => publisher.stats().spooledRecords === 0, 20_000, 'draining');
  }, 90_000);

  it('drains past a poison record left in the spool by an older version, after a restart', async () => {
    const topic = await smallTopic(admin, 20_000);
    const spool = await tempSpoolDir();
    cleanups.push(spool.remove);
    // What a version without the size check left on disk: the poison record between good ones.
    const old = new SpoolStore(spool.dir, { segmentBytes: 4 * 1024 * 1024, onError: () => undefined });
    await old.open();
    for (let n = 0; n < 5; n += 1) old.append(record(topic, n));
    old.append(poison(topic, 300_000));
    for (let n = 5; n < 30; n += 1) old.append(record(topic, n));
    await old.close();

    const publisher = await publisherOn(spool.dir);
    for (let n = 30; n < 40; n += 1) publisher.publish(record(topic, n));

    const { countByKey } = await readTopic(kafka, topic, 40);
    expect(countByKey.has('poison')).toBe(false);
    expect(countByKey.size).toBe(40);
    const [letter] = await deadLettersFor(kafka, topic, 1);
    expect(letter).toMatchObject({ key: 'poison', value_bytes: 300_000 });
    expect(letter?.reason).toMatch(/^(RECORD|MESSAGE)_TOO_LARGE: /);
    await eventually(() => publisher.stats().spooledRecords === 0, 20_000, 'draining');
    expect(publisher.stats().oldestSpooledAgeMs).toBe(0);
  }, 90_000);
});
