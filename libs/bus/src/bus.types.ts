/**
 * The shapes the apps see of records going in and out of Kafka. They are kt's own (kafkajs' objects
 * fit them as they are, so nothing is copied), so no app needs to name a kafkajs type.
 */

/** Record headers as consumed: a value may be repeated, and arrives as bytes. */
export interface BusHeaders {
  readonly [name: string]: Buffer | string | (Buffer | string)[] | undefined;
}

/** One record read from a partition (its topic and partition are those of the batch it came in). */
export interface BusRecord {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** The record's offset as a decimal string (Kafka offsets are 64-bit). */
  readonly offset: string;
  /** Milliseconds since the epoch, as a decimal string. */
  readonly timestamp: string;
  readonly headers?: BusHeaders;
}

/** One record to produce. */
export interface BusMessage {
  readonly key?: Buffer | string | null;
  readonly value: Buffer | string | null;
  readonly partition?: number;
  readonly headers?: Readonly<Record<string, Buffer | string | (Buffer | string)[] | undefined>>;
  readonly timestamp?: string;
}

/** The records of one topic in a multi-topic send. */
export interface TopicBatch {
  readonly topic: string;
  readonly messages: readonly BusMessage[];
}

/** What the broker acknowledged for one partition of a send. */
export interface SentRecord {
  readonly topicName: string;
  readonly partition: number;
  readonly errorCode: number;
  readonly baseOffset?: string;
  readonly logAppendTime?: string;
  readonly logStartOffset?: string;
}

/** Retry with exponential backoff, in ms; what is not given keeps kt's default (`CLIENT_RETRY`). */
export interface BusRetry {
  readonly retries?: number;
  readonly initialRetryTime?: number;
  readonly maxRetryTime?: number;
  readonly factor?: number;
  readonly multiplier?: number;
}

/** One fetched batch of one partition. */
export interface BusBatch {
  readonly topic: string;
  readonly partition: number;
  readonly highWatermark: string;
  readonly messages: readonly BusRecord[];
  /** The offset of the batch's first record; null when it has none. */
  firstOffset(): string | null;
  /** The offset of the batch's last record. */
  lastOffset(): string;
}

/** A batch and what its handler may do while working through it. */
export interface BatchContext {
  readonly batch: BusBatch;
  /** Marks records up to `offset` as done (committed after the batch with auto-commit). */
  resolveOffset(offset: string): void;
  /** Tells the group this member is alive during long work. */
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping: the rest of the batch is left for the next owner. */
  isRunning(): boolean;
  /** True when a seek or rebalance made the rest of this batch out of date. */
  isStale(): boolean;
}
