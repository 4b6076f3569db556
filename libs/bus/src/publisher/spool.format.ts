import { crc32 } from 'node:zlib';
import type { PublishRecord } from './publish.record.js';

/**
 * Spool segment format, version 1:
 *   segment = "KTSPOOL1" frame*
 *   frame   = u32 FRAME_MAGIC, u32 body length, u32 crc32(body), body
 *   body    = u16 topic length, topic, u32 key length, key,
 *             u16 header count, (u16 name length, name, u32 value length, value)*,
 *             u32 value length, value
 * Integers are big-endian, strings UTF-8. The magic and checksum let a reader find the end of
 * what was written completely: a crash leaves at most a torn last frame, which is skipped.
 */
export const SEGMENT_HEADER = Buffer.from('KTSPOOL1', 'latin1');
const FRAME_MAGIC = 0x4b545352; // "KTSR"
const FRAME_MAGIC_BYTES = Buffer.from([0x4b, 0x54, 0x53, 0x52]);
const FRAME_HEAD = 12;
/** A larger body is corruption, not a record (Kafka would refuse it long before). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export class SpoolFormatError extends Error {
  override readonly name = 'SpoolFormatError';
}

export interface SegmentContents {
  readonly records: readonly PublishRecord[];
  /** Damaged stretches skipped (a torn last record counts as one). */
  readonly skippedRecords: number;
  readonly skippedBytes: number;
}

/** One frame holding `record`, ready to append to a segment. */
export function encodeRecord(record: PublishRecord): Buffer {
  const headers = record.headers === undefined ? [] : Object.entries(record.headers);
  let bodyLength = 2 + Buffer.byteLength(record.topic) + 4 + Buffer.byteLength(record.key) + 2;
  for (const [name, value] of headers)
    bodyLength += 2 + Buffer.byteLength(name) + 4 + Buffer.byteLength(value);
  bodyLength += 4 + record.value.length;

  const frame = Buffer.allocUnsafe(FRAME_HEAD + bodyLength);
  let at = FRAME_HEAD;
  const writeString = (value: string, lengthBytes: 2 | 4): void => {
    const n = frame.write(value, at + lengthBytes, 'utf8');
    if (lengthBytes === 2) frame.writeUInt16BE(n, at);
    else frame.writeUInt32BE(n, at);
    at += lengthBytes + n;
  };
  writeString(record.topic, 2);
  writeString(record.key, 4);
  frame.writeUInt16BE(headers.length, at);
  at += 2;
  for (const [name, value] of headers) {
    writeString(name, 2);
    writeString(value, 4);
  }
  frame.writeUInt32BE(record.value.length, at);
  record.value.copy(frame, at + 4);

  const body = frame.subarray(FRAME_HEAD);
  frame.writeUInt32BE(FRAME_MAGIC, 0);
  frame.writeUInt32BE(bodyLength, 4);
  frame.writeUInt32BE(crc32(body), 8);
  return frame;
}

/**
 * The records of a segment file's bytes. Damaged frames are skipped and counted: the reader
 * resumes at the next frame that checks out. A file that is not a spool segment throws.
 */
export function decodeSegment(bytes: Buffer): SegmentContents {
  if (bytes.length < SEGMENT_HEADER.length) {
    // A crash right after the file was created can leave part of the header and nothing else.
    if (SEGMENT_HEADER.subarray(0, bytes.length).equals(bytes)) {
      return { records: [], skippedRecords: 0, skippedBytes: bytes.length };
    }
    throw new SpoolFormatError('not a kt spool segment (unknown header)');
  }
  if (!bytes.subarray(0, SEGMENT_HEADER.length).equals(SEGMENT_HEADER)) {
    throw new SpoolFormatError('not a kt spool segment (unknown header)');
  }
  const records: PublishRecord[] = [];
  let skippedRecords = 0;
  let skippedBytes = 0;
  let at = SEGMENT_HEADER.length;
  while (at < bytes.length) {
    const frame = readFrame(bytes, at);
    if (frame !== undefined) {
      records.push(frame.record);
      at = frame.next;
      continue;
    }
    const resume = nextValidFrame(bytes, at + 1);
    skippedRecords += 1;
    skippedBytes += resume - at;
    at = resume;
  }
  return { records, skippedRecords, skippedBytes };
}

function nextValidFrame(bytes: Buffer, from: number): number {
  for (let at = bytes.indexOf(FRAME_MAGIC_BYTES, from); at !== -1;) {
    if (readFrame(bytes, at) !== undefined) return at;
    at = bytes.indexOf(FRAME_MAGIC_BYTES, at + 1);
  }
  return bytes.length;
}

function readFrame(bytes: Buffer, at: number): { record: PublishRecord; next: number } | undefined {
  if (bytes.length - at < FRAME_HEAD || bytes.readUInt32BE(at) !== FRAME_MAGIC) return undefined;
  const length = bytes.readUInt32BE(at + 4);
  const end = at + FRAME_HEAD + length;
  if (length > MAX_BODY_BYTES || end > bytes.length) return undefined;
  const body = bytes.subarray(at + FRAME_HEAD, end);
  if (crc32(body) !== bytes.readUInt32BE(at + 8)) return undefined;
  const record = readBody(body);
  return record === undefined ? undefined : { record, next: end };
}

/** Parses a checksummed body; undefined when its lengths do not add up. */
function readBody(body: Buffer): PublishRecord | undefined {
  let at = 0;
  const need = (n: number): boolean => at + n <= body.length;
  const readString = (lengthBytes: 2 | 4): string | undefined => {
    if (!need(lengthBytes)) return undefined;
    const n = lengthBytes === 2 ? body.readUInt16BE(at) : body.readUInt32BE(at);
    at += lengthBytes;
    if (!need(n)) return undefined;
    const value = body.toString('utf8', at, at + n);
    at += n;
    return value;
  };
  const topic = readString(2);
  const key = readString(4);
  if (topic === undefined || key === undefined || !need(2)) return undefined;
  const headerCount = body.readUInt16BE(at);
  at += 2;
  let headers: Record<string, string> | undefined;
  for (let i = 0; i < headerCount; i += 1) {
    const name = readString(2);
    const value = readString(4);
    if (name === undefined || value === undefined) return undefined;
    (headers ??= {})[name] = value;
  }
  if (!need(4)) return undefined;
  const valueLength = body.readUInt32BE(at);
  at += 4;
  if (at + valueLength !== body.length) return undefined;
  const value = body.subarray(at);
  return headers === undefined ? { topic, key, value } : { topic, key, value, headers };
}
