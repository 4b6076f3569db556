import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { highWatermarks, offsetsForTime, replayRange } from '@kt/bus';
import { createTopics, produce, testKafka } from '../ledger/ledger.fixture.js';

const messages = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ key: `${prefix}-${i}`, value: `${prefix}-${i}` }));

describe('offsetsForTime + replayRange (the audit reads a range of the topic by record time)', () => {
  it('reads exactly the records produced after a moment, up to the watermarks captured at start', async () => {
    const kafka = testKafka();
    const topic = `kt.audit-offsets-${randomUUID().slice(0, 8)}`;
    await createTopics(kafka, [topic], 3);
    await produce(kafka, topic, messages('before', 30));
    await sleep(50);
    const moment = Date.now();
    await sleep(50);
    await produce(kafka, topic, messages('after', 40));
    const from = await offsetsForTime(kafka, topic, moment);
    const until = await highWatermarks(kafka, topic);
    // Produced after the watermarks were captured: must not be read.
    await produce(kafka, topic, messages('late', 10));

    const read: string[] = [];
    await replayRange(kafka, topic, { from, until }, (_partition, batch) => {
      for (const m of batch) read.push(m.value?.toString() ?? '');
      return Promise.resolve();
    });
    expect(read.sort()).toEqual(
      messages('after', 40)
        .map((m) => m.value)
        .sort(),
    );
  }, 60_000);

  it('maps a moment after the last record to the high watermark, so nothing is read', async () => {
    const kafka = testKafka();
    const topic = `kt.audit-offsets-${randomUUID().slice(0, 8)}`;
    await createTopics(kafka, [topic], 2);
    await produce(kafka, topic, messages('old', 8));
    const from = await offsetsForTime(kafka, topic, Date.now() + 60_000);
    const until = await highWatermarks(kafka, topic);
    expect(from).toEqual(until);
    let batches = 0;
    await replayRange(kafka, topic, { from, until }, () => {
      batches += 1;
      return Promise.resolve();
    });
    expect(batches).toBe(0);
  }, 60_000);

  it('stops with the abort reason when aborted', async () => {
    const kafka = testKafka();
    const topic = `kt.audit-offsets-${randomUUID().slice(0, 8)}`;
    await createTopics(kafka, [topic], 1);
    await produce(kafka, topic, messages('x', 5));
    const until = await highWatermarks(kafka, topic);
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    await expect(
      replayRange(kafka, topic, { from: new Map(), until, signal: controller.signal }, () =>
        Promise.resolve(),
      ),
    ).rejects.toThrow('shutting down');
  }, 60_000);
});
