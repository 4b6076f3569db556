import { setTimeout as sleep } from 'node:timers/promises';
import { createKafka, createProducer, ensureTopics, followTopic } from '@kt/bus';
import { describe, expect, it } from 'vitest';
import { kafkaBrokers } from '../setup/infra.js';

describe('followTopic', () => {
  it('keeps retrying while its topic does not exist, then consumes once it does', async () => {
    const kafka = createKafka({ clientId: 'kt-test-follower', brokers: kafkaBrokers() });
    const topic = `kt.test-follower.${process.pid}.${Date.now()}`;
    const retries: number[] = [];
    const seen: string[] = [];
    const follower = followTopic(kafka, {
      groupId: `kt-test-follower-${process.pid}-${Date.now()}`,
      topics: [topic],
      fromBeginning: true,
      maxDelayMs: 1_000,
      onRetry: (_error, delayMs) => retries.push(delayMs),
      handleBatch: async ({ batch, resolveOffset }) => {
        for (const message of batch.messages) {
          seen.push(message.value?.toString() ?? '');
          resolveOffset(message.offset);
        }
      },
    });
    try {
      await sleep(1_500);
      expect(retries.length).toBeGreaterThan(0);
      await ensureTopics(kafka, [{ topic, numPartitions: 1 }]);
      await follower.started;
      const producer = createProducer(kafka);
      await producer.connect();
      await producer.send(topic, [{ key: 'k', value: 'hello' }]);
      await producer.disconnect();
      const deadline = Date.now() + 15_000;
      while (seen.length === 0 && Date.now() < deadline) await sleep(100);
      expect(seen).toEqual(['hello']);
    } finally {
      await follower.stop();
    }
  }, 40_000);
});
