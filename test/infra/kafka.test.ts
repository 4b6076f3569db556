import { randomUUID } from 'node:crypto';
import {
  checkKafka,
  createKafka,
  createProducer,
  ensureTopics,
  startBatchConsumer,
  type BatchConsumer,
  type BusProducer,
  type BusClient,
} from '@kt/bus';
import { freePort } from '@kt/local-infra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaBrokers } from '../setup/infra.js';
import { ConfigResourceTypes, kafkaAdmin } from '../support/kafka.client.js';

const run = randomUUID().slice(0, 8);
const topic = `kt.test.infra-${run}.v1`;

async function eventually(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the local Kafka broker through @kt/bus', () => {
  let kafka: BusClient;
  let producer: BusProducer;
  const consumers: BatchConsumer[] = [];

  beforeAll(async () => {
    kafka = createKafka({ clientId: 'kt-infra-test', brokers: kafkaBrokers() });
    producer = createProducer(kafka);
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    await producer?.disconnect();
  });

  it('answers the readiness check', async () => {
    await expect(checkKafka(kafka, 5_000)).resolves.toBe(true);
  });

  it('reports not ready at once where no broker listens, given a client without connection retries', async () => {
    const port = await freePort(19199);
    const nothing = createKafka({
      clientId: 'kt-infra-test',
      brokers: `localhost:${port}`,
      retry: { retries: 0 },
    });
    const began = Date.now();
    await expect(checkKafka(nothing, 5_000)).resolves.toBe(false);
    expect(Date.now() - began).toBeLessThan(2_000);
  });

  it('creates a topic with its partitions and configs, and leaves it alone the second time', async () => {
    const spec = {
      topic,
      numPartitions: 3,
      configEntries: { 'retention.ms': '-1', 'cleanup.policy': 'delete' },
    };
    await expect(ensureTopics(kafka, [spec])).resolves.toEqual({ created: [topic], existing: [] });
    await expect(ensureTopics(kafka, [{ ...spec, numPartitions: 6 }])).resolves.toEqual({
      created: [],
      existing: [topic],
    });

    const admin = kafkaAdmin(kafka);
    await admin.connect();
    try {
      const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
      expect(metadata?.partitions).toHaveLength(3);
      const described = await admin.describeConfigs({
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['retention.ms'] }],
        includeSynonyms: false,
      });
      expect(
        described.resources[0]?.configEntries.find((e) => e.configName === 'retention.ms')?.configValue,
      ).toBe('-1');
    } finally {
      await admin.disconnect();
    }
  });

  it('delivers every produced record to a batch consumer, in order per key, and commits the resolved offsets', async () => {
    const keys = ['team-a', 'team-b', 'team-c'];
    const sent = Array.from({ length: 30 }, (_, i) => ({
      key: keys[i % keys.length] ?? 'team-a',
      value: `event-${i}`,
    }));
    for (let i = 0; i < sent.length; i += 10) {
      const metadata = await producer.send(topic, sent.slice(i, i + 10));
      expect(metadata.every((m) => m.errorCode === 0)).toBe(true);
    }

    const received: { key: string; value: string }[] = [];
    const groupId = `kt-infra-test-${run}`;
    const consumer = await startBatchConsumer(kafka, {
      groupId,
      topics: [topic],
      fromBeginning: true,
      handleBatch: async ({ batch, resolveOffset, heartbeat }) => {
        for (const message of batch.messages) {
          received.push({ key: message.key?.toString() ?? '', value: message.value?.toString() ?? '' });
          resolveOffset(message.offset);
        }
        await heartbeat();
      },
    });
    consumers.push(consumer);
    await eventually(() => received.length >= sent.length, 30_000);
    await consumer.stop();

    expect(received).toHaveLength(sent.length);
    for (const key of keys) {
      expect(received.filter((r) => r.key === key).map((r) => r.value)).toEqual(
        sent.filter((s) => s.key === key).map((s) => s.value),
      );
    }
    const admin = kafkaAdmin(kafka);
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const ends = await admin.fetchTopicOffsets(topic);
      const committed = new Map((offsets?.partitions ?? []).map((p) => [p.partition, p.offset]));
      // A partition that got no record has no commit (-1); every other one is committed up to its end.
      for (const end of ends) expect(committed.get(end.partition)).toBe(end.high === '0' ? '-1' : end.high);
      expect(ends.reduce((sum, end) => sum + Number(end.high), 0)).toBe(sent.length);
    } finally {
      await admin.disconnect();
    }
  });

  it('commits only the offsets the handler resolved, and hands the rest over again', async () => {
    const single = `kt.test.infra-${run}.single`;
    await ensureTopics(kafka, [{ topic: single, numPartitions: 1 }]);
    await producer.send(
      single,
      Array.from({ length: 10 }, (_, i) => ({ value: `event-${i}` })),
    );

    const groupId = `kt-infra-test-partial-${run}`;
    const deliveries: string[] = [];
    const consumer = await startBatchConsumer(kafka, {
      groupId,
      topics: [single],
      fromBeginning: true,
      handleBatch: async ({ batch, resolveOffset }) => {
        deliveries.push(batch.firstOffset() ?? '');
        for (const message of batch.messages) if (Number(message.offset) < 4) resolveOffset(message.offset);
      },
    });
    consumers.push(consumer);
    // The unresolved tail comes back from offset 4 in the next fetch.
    await eventually(() => deliveries.includes('4'), 30_000);
    await consumer.stop();

    const admin = kafkaAdmin(kafka);
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [single] });
      expect(offsets?.partitions).toEqual([expect.objectContaining({ partition: 0, offset: '4' })]);
    } finally {
      await admin.disconnect();
    }
  });

  it('does not create a topic when a record is sent to one that does not exist', async () => {
    const strict = createProducer(kafka, { retry: { retries: 1, initialRetryTime: 100 } });
    await strict.connect();
    const missing = `kt.test.missing-${run}`;
    try {
      await expect(strict.send(missing, [{ key: 'k', value: 'v' }])).rejects.toThrow();
    } finally {
      await strict.disconnect();
    }
    const admin = kafkaAdmin(kafka);
    await admin.connect();
    try {
      expect(await admin.listTopics()).not.toContain(missing);
    } finally {
      await admin.disconnect();
    }
  });
});
