import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { utcNow } from '../time/utc-time.js';
import {
  DEAD_LETTER_SCHEMA,
  RecordDeadLettered,
  UNASSIGNED_OFFSET,
  UNASSIGNED_PARTITION,
} from './dead-letter.event.js';

/** A record a publisher gave up on before it reached its topic. */
export interface UnpublishableRecord {
  readonly topic: string;
  readonly key: string;
  readonly value: Buffer;
}

/** How much of the original value a produce-stage dead letter carries; the rest is only hashed. */
export const DEAD_LETTER_EXCERPT_BYTES = 1024;
/** Keys are client-influenced (request ids): kept to this many characters. */
export const DEAD_LETTER_KEY_CHARS = 256;

/**
 * The dead letter for a record that can never be published (too large, refused as invalid). It
 * carries a bounded excerpt of the value plus its size and SHA-256, never the whole value: the
 * reason it failed is usually its size, and a dead letter must always fit where the original did not.
 */
export function createProduceDeadLetter(
  record: UnpublishableRecord,
  reason: string,
  source: string,
  failedAt: string = utcNow(),
  excerptBytes: number = DEAD_LETTER_EXCERPT_BYTES,
): RecordDeadLettered {
  const excerpt = record.value.subarray(0, excerptBytes);
  const binary = !isUtf8(excerpt);
  return {
    schema: DEAD_LETTER_SCHEMA,
    type: 'record.dead_lettered',
    source_topic: record.topic,
    partition: UNASSIGNED_PARTITION,
    offset: UNASSIGNED_OFFSET,
    key: record.key.slice(0, DEAD_LETTER_KEY_CHARS),
    value: excerpt.toString(binary ? 'base64' : 'utf8'),
    value_encoding: binary ? 'base64' : 'utf8',
    reason: reason.length > 0 ? reason : 'no reason given',
    consumer_group: source,
    failed_at: failedAt,
    stage: 'produce',
    value_truncated: excerpt.length < record.value.length,
    value_bytes: record.value.length,
    value_sha256: createHash('sha256').update(record.value).digest('hex'),
  };
}

/** Its key on `kt.dead-letter.v1`: the source topic and the value's hash, so a re-send is recognisable. */
export function produceDeadLetterKey(event: RecordDeadLettered): string {
  return `${event.source_topic}:produce:${(event.value_sha256 ?? '').slice(0, 32)}`;
}
