import type { UtcTimestamp } from '../time/utc-time.js';

/** Records a consumer could not process, on `kt.dead-letter.v1`, keyed `topic:partition:offset`. */
export const DEAD_LETTER_SCHEMA = 'kt.dead-letter.v1';

export const VALUE_ENCODINGS = ['utf8', 'base64'] as const;
export type ValueEncoding = (typeof VALUE_ENCODINGS)[number];

/**
 * Where the record failed: `consume` (a consumer could not process it; the default when absent)
 * or `produce` (a publisher could never get it onto `source_topic`, e.g. larger than the broker
 * accepts). A produce-stage record never had a partition or offset: both read -1 / "-1".
 */
export const DEAD_LETTER_STAGES = ['consume', 'produce'] as const;
export type DeadLetterStage = (typeof DEAD_LETTER_STAGES)[number];

/** A produce-stage dead letter's partition and offset: the record never reached the log. */
export const UNASSIGNED_PARTITION = -1;
export const UNASSIGNED_OFFSET = '-1';

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
  /** Absent on records written before it existed, which are all `consume`. */
  readonly stage?: DeadLetterStage;
  /**
   * Set when `value` is only the start of the original (a produce-stage record too large to carry
   * whole): its full size in bytes and SHA-256, so the original can be recognised, never rebuilt.
   */
  readonly value_truncated?: boolean;
  readonly value_bytes?: number;
  readonly value_sha256?: string;
}

/** The topic's union (one member today). */
export type DeadLetterEvent = RecordDeadLettered;
