import { describe, expect, it } from 'vitest';
import type { PublishRecord } from './publish.record.js';
import { decodeSegment, encodeRecord, SEGMENT_HEADER, SpoolFormatError } from './spool.format.js';

const records: readonly PublishRecord[] = [
  { topic: 'kt.route-events.v1', key: 'req-1', value: Buffer.from('{"a":1}') },
  {
    topic: 'kt.route-events.v1',
    key: 'req-2',
    value: Buffer.from([0, 1, 2, 255]),
    headers: { schema: 'kt.route.v1', 'content-type': 'application/json' },
  },
  { topic: 'kt.probe-samples.v1', key: 'zoë/€', value: Buffer.alloc(0), headers: { ünï: 'çødé' } },
  { topic: 't', key: '', value: Buffer.alloc(70_000, 7) },
];

const segment = (...frames: Buffer[]): Buffer => Buffer.concat([SEGMENT_HEADER, ...frames]);
const plain = (r: PublishRecord): unknown => ({ ...r, value: [...r.value] });

describe('spool segment format', () => {
  it('reads back every record it wrote, with keys, values and headers intact', () => {
    const decoded = decodeSegment(segment(...records.map(encodeRecord)));
    expect(decoded.records.map(plain)).toEqual(records.map(plain));
    expect(decoded).toMatchObject({ skippedRecords: 0, skippedBytes: 0 });
  });

  it('reads a segment with a header and no records as empty', () => {
    expect(decodeSegment(segment())).toEqual({ records: [], skippedRecords: 0, skippedBytes: 0 });
  });

  const frames = records.slice(0, 3).map(encodeRecord);
  const last = frames[2] as Buffer;
  it.each([
    { cut: 1, what: 'inside the frame magic' },
    { cut: 6, what: 'inside the length' },
    { cut: 12, what: 'right after the frame head' },
    { cut: last.length - 1, what: 'one byte short of the end' },
  ])('skips a last record torn $what and counts it', ({ cut }) => {
    const torn = segment(frames[0] as Buffer, frames[1] as Buffer, last.subarray(0, cut));
    const decoded = decodeSegment(torn);
    expect(decoded.records.map(plain)).toEqual(records.slice(0, 2).map(plain));
    expect(decoded).toMatchObject({ skippedRecords: 1, skippedBytes: cut });
  });

  it('skips a damaged record in the middle and reads the ones after it', () => {
    const damaged = Buffer.from(frames[1] as Buffer);
    damaged[damaged.length - 2] = (damaged[damaged.length - 2] ?? 0) ^ 0xff;
    const decoded = decodeSegment(segment(frames[0] as Buffer, damaged, last));
    expect(decoded.records.map((r) => r.key)).toEqual(['req-1', 'zoë/€']);
    expect(decoded).toMatchObject({ skippedRecords: 1, skippedBytes: damaged.length });
  });

  it('treats a header torn by a crash right after the file was created as an empty segment', () => {
    expect(decodeSegment(SEGMENT_HEADER.subarray(0, 3))).toEqual({
      records: [],
      skippedRecords: 0,
      skippedBytes: 3,
    });
  });

  it.each([Buffer.from('{"json":true}\n'), Buffer.from('KTSP0')])(
    'refuses a file that is not a spool segment (%s)',
    (bytes) => {
      expect(() => decodeSegment(bytes)).toThrow(SpoolFormatError);
    },
  );
});
