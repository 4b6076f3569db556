import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { topicId } from '@kt/bus';
import { createTopics, testKafka } from './ledger.fixture.js';
import { kafkaAdmin } from '../support/kafka.client.js';

const kafka = testKafka();
const topic = `kt-test-topic-id-${randomUUID().slice(0, 8)}`;

afterAll(async () => {
  const admin = kafkaAdmin(kafka);
  await admin.connect();
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

describe('topicId', () => {
  it('reads the id Kafka gave the topic, and a new one once the topic is recreated', async () => {
    await createTopics(kafka, [topic], 1);
    const first = await topicId(kafka, topic);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await topicId(kafka, topic)).toBe(first);
    const admin = kafkaAdmin(kafka);
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] });
    await admin.disconnect();
    await expect(topicId(kafka, topic)).rejects.toThrow(/does not exist/);
    await createTopics(kafka, [topic], 1);
    const second = await topicId(kafka, topic);
    expect(second).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).not.toBe(first);
  });
});
