import type { PublishRecord } from './publish.record.js';

/**
 * The fixed part of a v2 record batch (base offset, length, epoch, magic, CRC, attributes, offsets,
 * timestamps, producer id/epoch, base sequence, record count). The broker compares the whole batch
 * with `max.message.bytes`, so a record alone in its batch is this much larger than itself.
 */
export const RECORD_BATCH_OVERHEAD_BYTES = 61;

/** Bytes of a zig-zag varint holding `n` (n >= 0), as Kafka encodes record lengths. */
function varintBytes(n: number): number {
  let zigzag = n * 2;
  let bytes = 1;
  while (zigzag >= 0x80) {
    zigzag = Math.floor(zigzag / 0x80);
    bytes += 1;
  }
  return bytes;
}

/**
 * The size of the record batch that carries `record` alone, uncompressed, as the broker will see
 * it; timestamp and offset deltas are taken at their widest, so this never underestimates.
 */
export function encodedRecordBytes(record: PublishRecord): number {
  const key = Buffer.byteLength(record.key);
  const value = record.value.length;
  const headers = record.headers === undefined ? [] : Object.entries(record.headers);
  // attributes (1), timestamp delta (varlong, up to 10), offset delta (varint, up to 5)
  let body = 1 + 10 + 5 + varintBytes(key) + key + varintBytes(value) + value + varintBytes(headers.length);
  for (const [name, text] of headers) {
    const n = Buffer.byteLength(name);
    const v = Buffer.byteLength(text);
    body += varintBytes(n) + n + varintBytes(v) + v;
  }
  return RECORD_BATCH_OVERHEAD_BYTES + varintBytes(body) + body;
}
