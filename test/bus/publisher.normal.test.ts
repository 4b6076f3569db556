import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { ensureTopics, type EventPublisher, type BusClient } from '@kt/bus';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { kafkaBrokers } from '../setup/infra.js';
import {
  eventually,
  newTopic,
  publisherKafka,
  readTopic,
  record,
  say,
  startedPublisher,
  tempSpoolDir,
} from './publisher.fixture.js';

describe('the event publisher with the broker up', () => {
  let kafka: BusClient;
  const cleanups: (() => Promise<unknown>)[] = [];

  const publisherOn = async (
    opts: { capacity?: number } = {},
  ): Promise<{ publisher: EventPublisher; spoolDir: string }> => {
    const spool = await tempSpoolDir();
    const publisher = await startedPublisher(kafka, { spoolDir: spool.dir, ...opts });
    cleanups.push(() => publisher.close(), spool.remove);
    return { publisher, spoolDir: spool.dir };
  };

  beforeAll(() => {
    kafka = publisherKafka(kafkaBrokers());
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('delivers 5,000 records published at once, each exactly once, without touching the disk', async () => {
    const topic = await newTopic(kafka, 'normal');
    const { publisher, spoolDir } = await publisherOn();
    expect(publisher.stats().state).toBe('connected');

    const began = performance.now();
    for (let n = 0; n < 5_000; n += 1) publisher.publish(record(topic, n));
    expect(publisher.stats().queued + publisher.stats().sent).toBe(5_000);
    await eventually(() => publisher.stats().sent >= 5_000, 30_000, 'sending 5,000 records');
    const seconds = (performance.now() - began) / 1000;
    say(
      `normal path: 5,000 records acknowledged in ${seconds.toFixed(2)} s (${Math.round(5_000 / seconds)} records/s)`,
    );

    expect(publisher.stats()).toMatchObject({
      queued: 0,
      spooledRecords: 0,
      sent: 5_000,
      failedSends: 0,
      state: 'connected',
    });
    expect(await readdir(spoolDir)).toEqual(['spool.lock']);
    const { countByKey } = await readTopic(kafka, topic, 5_000);
    expect(countByKey.size).toBe(5_000);
    expect([...countByKey.values()].every((count) => count === 1)).toBe(true);
  });

  it('spills a burst that overflows the queue to the spool and still keeps each key in order', async () => {
    const topic = await newTopic(kafka, 'overflow');
    const { publisher } = await publisherOn({ capacity: 200 });
    const keys = Array.from({ length: 10 }, (_, i) => `team-${i}`);

    for (let n = 0; n < 3_000; n += 1) publisher.publish(record(topic, n, keys[n % keys.length]));
    // The overflow went to the spool synchronously, inside publish().
    expect(publisher.stats().spooledRecords).toBeGreaterThan(2_000);
    expect(publisher.stats().state).toBe('spooling');

    await eventually(
      () => publisher.stats().state === 'connected' && publisher.stats().sent >= 3_000,
      30_000,
      'draining the overflow',
    );
    expect(publisher.stats()).toMatchObject({ spooledRecords: 0, spooledBytes: 0, failedSends: 0 });
    const { valuesByKey } = await readTopic(kafka, topic, keys.length);
    keys.forEach((key, i) => {
      const expected = Array.from({ length: 300 }, (_, j) => i + j * keys.length);
      expect(valuesByKey.get(key)).toEqual(expected);
    });
  });

  it("keeps each batch under the broker's 1 MiB request limit when records are large", async () => {
    const topic = await newTopic(kafka, 'large', 1);
    const { publisher } = await publisherOn();
    const big = Buffer.alloc(100_000, 'x');
    for (let n = 0; n < 60; n += 1) publisher.publish({ topic, key: `big-${n}`, value: big });
    await eventually(() => publisher.stats().sent >= 60, 30_000, 'sending 6 MB of large records');
    expect(publisher.stats()).toMatchObject({ failedSends: 0, state: 'connected' });
  });

  it('sends everything still queued when closed, and leaves no spool behind', async () => {
    const topic = await newTopic(kafka, 'close');
    const spool = await tempSpoolDir();
    cleanups.push(spool.remove);
    const publisher = await startedPublisher(kafka, { spoolDir: spool.dir });
    for (let n = 0; n < 1_000; n += 1) publisher.publish(record(topic, n));
    await publisher.close({ timeoutMs: 10_000 });

    expect(publisher.stats()).toMatchObject({ queued: 0, spooledRecords: 0, sent: 1_000 });
    expect(await readdir(spool.dir)).toEqual([]);
    expect(() => publisher.publish(record(topic, 1_000))).toThrow(/publish\(\) while closed/);
    const { countByKey } = await readTopic(kafka, topic, 1_000);
    expect(countByKey.size).toBe(1_000);
  });

  it('spools records for a topic that does not exist yet, retrying slower and slower, and sends them once it does', async () => {
    const topic = `kt.test.publisher-late-${randomUUID().slice(0, 8)}.v1`;
    const { publisher } = await publisherOn();
    for (let n = 0; n < 500; n += 1) publisher.publish(record(topic, n));
    await eventually(() => publisher.stats().state === 'spooling', 15_000, 'giving up on the missing topic');
    await delay(4_000);
    // Backoff 0.5 s, 1 s, 2 s …: a handful of attempts in 4 s, not one after another.
    const { failedSends, spooledRecords } = publisher.stats();
    say(`missing topic: ${failedSends} failed sends in about 4 s`);
    expect(failedSends).toBeLessThanOrEqual(5);
    expect(spooledRecords).toBe(500);

    await ensureTopics(kafka, [{ topic, numPartitions: 3 }]);
    await eventually(() => publisher.stats().state === 'connected', 30_000, 'draining once the topic exists');
    const { countByKey } = await readTopic(kafka, topic, 500);
    expect(countByKey.size).toBe(500);
  });
});
