import { appendFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { BusClient, PublisherState } from '@kt/bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  newTopic,
  publisherKafka,
  readTopic,
  record,
  say,
  startedPublisher,
  startOwnBroker,
  tempSpoolDir,
  type OwnBroker,
} from './publisher.fixture.js';

// These tests stop and restart a broker, so they run on one of their own, never the run's.
describe('the event publisher while its broker goes away and comes back', () => {
  let broker: OwnBroker;
  let kafka: BusClient;
  let outageTopic: string;
  let restartTopic: string;
  const removals: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    broker = await startOwnBroker();
    kafka = publisherKafka(broker.brokers);
    outageTopic = await newTopic(kafka, 'outage');
    restartTopic = await newTopic(kafka, 'restart');
  });
  afterAll(async () => {
    await broker?.destroy();
    for (const remove of removals) await remove();
  });

  it('spools while the broker is down, publishing without waiting, and delivers every record once it is back', async () => {
    const spool = await tempSpoolDir();
    const changes: { state: PublisherState; at: number }[] = [];
    const publisher = await startedPublisher(kafka, {
      spoolDir: spool.dir,
      sendTimeoutMs: 5_000,
      onStateChange: (state) => changes.push({ state, at: performance.now() }),
    });
    let n = 0;

    // A steady stream (50 records every 5 ms), as from a gateway under load.
    let streaming = true;
    const startStream = (): Promise<void> =>
      (async (): Promise<void> => {
        streaming = true;
        while (streaming) {
          for (let i = 0; i < 50; i += 1) publisher.publish(record(outageTopic, n++));
          await delay(5);
        }
      })();
    let stream = startStream();
    removals.push(async () => {
      streaming = false;
      await stream;
      await publisher.close();
    }, spool.remove);
    await eventually(() => publisher.stats().sent >= 2_000, 30_000, 'sending while the broker is up');
    await broker.stop();
    await eventually(() => publisher.stats().state === 'spooling', 30_000, 'noticing the outage');
    const spooledAtOutage = publisher.stats().spooledRecords;
    await delay(300);
    streaming = false;
    await stream;
    expect(publisher.stats().spooledRecords).toBeGreaterThan(spooledAtOutage);

    // With the broker down, a record is on its way to disk when publish() returns: counted before any await.
    const before = publisher.stats().spooledRecords;
    const tookMs = new Float64Array(20_000);
    const results = new Set<unknown>();
    for (let i = 0; i < tookMs.length; i += 1) {
      const began = performance.now();
      results.add(publisher.publish(record(outageTopic, n++)));
      tookMs[i] = performance.now() - began;
    }
    expect([...results]).toEqual([undefined]);
    expect(publisher.stats()).toMatchObject({
      state: 'spooling',
      queued: 0,
      spooledRecords: before + 20_000,
    });
    const sorted = tookMs.slice().sort();
    const quantile = (q: number): string => (sorted[Math.floor(q * (sorted.length - 1))] ?? 0).toFixed(3);
    say(
      `broker down: publish() took median ${quantile(0.5)} ms, p99 ${quantile(0.99)} ms, max ${quantile(1)} ms`,
    );

    const spooled = publisher.stats().spooledRecords;
    const changesBefore = changes.length;
    // The stream goes on through the broker's return and the drain: new records queue up behind the spool.
    stream = startStream();
    await broker.start();
    await eventually(() => publisher.stats().state === 'connected', 60_000, 'draining the spool');
    await delay(200);
    streaming = false;
    await stream;
    await eventually(() => publisher.stats().queued === 0, 10_000, 'sending the stream');
    const drain = changes.slice(changesBefore);
    const drainStart = drain.find((c) => c.state === 'draining')?.at ?? 0;
    const drainSeconds = ((drain.find((c) => c.state === 'connected')?.at ?? 0) - drainStart) / 1000;
    say(
      `spool drain (stream still publishing): ${spooled} records in ${drainSeconds.toFixed(2)} s (${Math.round(spooled / drainSeconds)} records/s)`,
    );
    expect(publisher.stats()).toMatchObject({ spooledRecords: 0, spooledBytes: 0, queued: 0 });
    expect(changes.map((c) => c.state)).toEqual(
      expect.arrayContaining(['spooling', 'draining', 'connected']),
    );
    await publisher.close();

    const { countByKey } = await readTopic(kafka, outageTopic, n);
    expect(countByKey.size).toBe(n);
    // A batch whose acks were lost while the broker shut down is spooled and sent again: at-least-once.
    const duplicates = [...countByKey.values()].reduce((sum, count) => sum + count - 1, 0);
    say(`outage: ${n} records published, all ${countByKey.size} keys arrived, ${duplicates} duplicates`);
    expect(duplicates).toBeLessThanOrEqual(publisher.stats().failedSends * 500);
  }, 180_000);

  it("delivers, after a gateway restart, the records the previous gateway spooled, skipping a crash's torn record", async () => {
    await broker.stop();
    const spool = await tempSpoolDir();
    const a = await startedPublisher(kafka, { spoolDir: spool.dir });
    removals.push(() => a.close(), spool.remove);
    expect(a.stats().state).toBe('spooling');
    for (let n = 0; n < 3_000; n += 1) a.publish(record(restartTopic, n));
    expect(a.stats()).toMatchObject({ queued: 0, spooledRecords: 3_000 });
    await a.close({ timeoutMs: 2_000 });

    const segments = (await readdir(spool.dir)).filter((name) => name.endsWith('.seg')).sort();
    expect(segments.length).toBeGreaterThan(0);
    // What a crash in the middle of a write leaves: the start of a frame and no more.
    await appendFile(join(spool.dir, segments.at(-1) ?? ''), Buffer.from([0x4b, 0x54, 0x53, 0x52, 0, 0, 1]));

    await broker.start();
    const b = await startedPublisher(kafka, { spoolDir: spool.dir });
    removals.unshift(() => b.close());
    expect(b.stats()).toMatchObject({ spooledRecords: 3_000, skippedRecords: 1 });
    await eventually(() => b.stats().state === 'connected', 60_000, 'draining the previous spool');
    await b.close();
    expect(await readdir(spool.dir)).toEqual([]);

    const { countByKey } = await readTopic(kafka, restartTopic, 3_000);
    expect(countByKey.size).toBe(3_000);
    expect([...countByKey.values()].every((count) => count === 1)).toBe(true);
  }, 180_000);
});
