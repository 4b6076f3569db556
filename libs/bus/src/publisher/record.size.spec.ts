import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { PublishRecord } from './publish.record.js';
import { encodedRecordBytes } from './record.size.js';

// kafkajs' own record batch encoder: the bytes the broker receives and measures.
const require = createRequire(import.meta.url);
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0/index.js') as {
  RecordBatch: (batch: { records: unknown[] }) => Promise<{ buffer: Buffer }>;
};
const Record = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (record: {
  key: Buffer;
  value: Buffer;
  headers?: Record<string, string>;
  offsetDelta?: number;
  timestampDelta?: number;
}) => unknown;

async function brokerBytes(record: PublishRecord): Promise<number> {
  const encoded = Record({
    key: Buffer.from(record.key),
    value: record.value,
    headers: record.headers,
    timestampDelta: 0,
    offsetDelta: 0,
  });
  return (await RecordBatch({ records: [encoded] })).buffer.length;
}

describe('encodedRecordBytes', () => {
  it.each([
    ['an empty value', { topic: 't', key: '', value: Buffer.alloc(0) }],
    ['a small event', { topic: 't', key: 'req-1', value: Buffer.from('{"a":1}') }],
    [
      'headers and a multi-byte key',
      { topic: 't', key: 'clé-é', value: Buffer.alloc(300, 1), headers: { traceparent: '00-'.repeat(20) } },
    ],
    ['a 1.3 MB route event', { topic: 't', key: 'req-2', value: Buffer.alloc(1_300_000, 0x61) }],
  ])('never underestimates the batch the broker measures, by at most a few bytes: %s', async (_n, record) => {
    const actual = await brokerBytes(record);
    const estimate = encodedRecordBytes(record);
    expect(estimate).toBeGreaterThanOrEqual(actual);
    expect(estimate - actual).toBeLessThanOrEqual(16);
  });

  it('puts a 1.3 MB value over Kafka’s default limit and 1 MB minus overhead under it', () => {
    expect(encodedRecordBytes({ topic: 't', key: 'k', value: Buffer.alloc(1_300_000) })).toBeGreaterThan(
      1_048_588,
    );
    expect(encodedRecordBytes({ topic: 't', key: 'k', value: Buffer.alloc(1_048_000) })).toBeLessThan(
      1_048_588,
    );
  });
});
