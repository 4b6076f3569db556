import { isUtf8 } from 'node:buffer';
import { utcNow } from '../time/utc-time.js';
import { DEAD_LETTER_SCHEMA, RecordDeadLettered } from './dead-letter.event.js';

/** The record a consumer gave up on, as it came off the topic. */
export interface FailedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | string | null;
  readonly value: Buffer | string | null;
}

/** The dead-letter key: `topic:partition:offset`, unique per source record, so re-sends are idempotent. */
export function deadLetterKey(topic: string, partition: number, offset: string): string {
  return `${topic}:${partition}:${offset}`;
}

/**
 * Builds the dead-letter event for `record`, keeping its value as UTF-8 text when it is valid UTF-8
 * and as base64 otherwise, so the original bytes can always be restored for a replay.
 */
export function createDeadLetter(
  record: FailedRecord,
  reason: string,
  consumerGroup: string,
  failedAt: string = utcNow(),
): RecordDeadLettered {
  // A null value (tombstone) is kept as empty text.
  const value = record.value ?? '';
  const binary = typeof value !== 'string' && !isUtf8(value);
  return {
    schema: DEAD_LETTER_SCHEMA,
    type: 'record.dead_lettered',
    source_topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    key: record.key === null || typeof record.key === 'string' ? record.key : record.key.toString('utf8'),
    value: typeof value === 'string' ? value : value.toString(binary ? 'base64' : 'utf8'),
    value_encoding: binary ? 'base64' : 'utf8',
    reason: reason.length > 0 ? reason : 'no reason given',
    consumer_group: consumerGroup,
    failed_at: failedAt,
  };
}

/** The original value bytes of a dead-lettered record, for replaying it. */
export function deadLetterValue(event: RecordDeadLettered): Buffer {
  return Buffer.from(event.value, event.value_encoding);
}
