import type { TopicMessages } from 'kafkajs';

/** One record handed to the publisher; `value` is the serialised event. */
export interface PublishRecord {
  readonly topic: string;
  readonly key: string;
  readonly value: Buffer;
  readonly headers?: Readonly<Record<string, string>>;
}

/** About what a record adds to a produce request; enough to keep batches under the broker's limit. */
export function recordBytes(record: PublishRecord): number {
  let bytes = record.value.length + record.key.length + 32;
  if (record.headers !== undefined) {
    for (const name in record.headers) bytes += name.length + (record.headers[name]?.length ?? 0) + 8;
  }
  return bytes;
}

/** Groups records by topic for one `sendBatch`, keeping their order within each topic. */
export function toTopicMessages(records: readonly PublishRecord[]): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const record of records) {
    let entry = byTopic.get(record.topic);
    if (entry === undefined) {
      entry = { topic: record.topic, messages: [] };
      byTopic.set(record.topic, entry);
    }
    entry.messages.push(
      record.headers === undefined
        ? { key: record.key, value: record.value }
        : { key: record.key, value: record.value, headers: { ...record.headers } },
    );
  }
  return [...byTopic.values()];
}
