import type { UtcTimestamp } from '../time/utc-time.js';

/** Records a consumer could not process, on `kt.dead-letter.v1`, keyed `topic:partition:offset`. */
export const DEAD_LETTER_SCHEMA = 'kt.dead-letter.v1';

export const VALUE_ENCODINGS = ['utf8', 'base64'] as const;
export type ValueEncoding = (typeof VALUE_ENCODINGS)[number];

export interface RecordDeadLettered {
  readonly schema: typeof DEAD_LETTER_SCHEMA;
  readonly type: 'record.dead_lettered';
  readonly source_topic: string;
  readonly partition: number;
  /** Kafka offsets are int64, so a decimal string. */
  readonly offset: string;
  readonly key: string | null;
  /** The original value: UTF-8 text when it was valid UTF-8, else base64 (see `value_encoding`). */
  readonly value: string;
  readonly value_encoding: ValueEncoding;
  /** The decoder's reason (`attempts[0].latency_ms: expected a number >= 0, got -3`) or the error. */
  readonly reason: string;
  readonly consumer_group: string;
  readonly failed_at: UtcTimestamp;
}

/** The topic's union (one member today). */
export type DeadLetterEvent = RecordDeadLettered;
