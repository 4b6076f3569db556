import { describe, expect, it } from 'vitest';
import { decodeTopicIdResponse, encodeTopicIdRequest } from './topic.id.js';

const compact = (s: string | null): Buffer =>
  s === null ? Buffer.from([0]) : Buffer.concat([Buffer.from([Buffer.byteLength(s) + 1]), Buffer.from(s)]);
const int32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const int16 = (n: number): Buffer => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};

/** A Metadata v12 answer with one broker and one topic, as a broker sends it after the correlation id. */
function answer(errorCode: number, idHex: string): Buffer {
  return Buffer.concat([
    Buffer.from([0]), // response header tagged fields
    int32(0), // throttle
    Buffer.from([2]), // one broker
    int32(1),
    compact('localhost'),
    int32(9092),
    compact(null),
    Buffer.from([0]),
    compact('cluster-1'),
    int32(1),
    Buffer.from([2]), // one topic
    int16(errorCode),
    compact('kt.route-events.v1'),
    Buffer.from(idHex, 'hex'),
    Buffer.from([0]), // is_internal, then partitions etc. (not read)
  ]);
}

describe('topic id wire format', () => {
  it('asks for one topic by name, with the flexible header and version-specific flags', () => {
    const v12 = encodeTopicIdRequest('t1', 12);
    expect([...v12]).toEqual([0, 2, ...new Array<number>(16).fill(0), 3, 0x74, 0x31, 0, 0, 0, 0]);
    expect(encodeTopicIdRequest('t1', 10)).toHaveLength(v12.length + 1);
  });

  it('reads the first topic id and error code', () => {
    expect(decodeTopicIdResponse(answer(0, '0123456789abcdef0123456789abcdef'), 't')).toEqual({
      errorCode: 0,
      id: '01234567-89ab-cdef-0123-456789abcdef',
    });
    expect(decodeTopicIdResponse(answer(3, '00'.repeat(16)), 't').errorCode).toBe(3);
  });

  it('refuses a truncated answer', () => {
    expect(() => decodeTopicIdResponse(answer(0, 'ab'.repeat(4)), 't')).toThrow(RangeError);
  });
});
