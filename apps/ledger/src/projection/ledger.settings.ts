/** What the projector needs from the env, as a Nest provider (token `LEDGER_SETTINGS`). */
export interface LedgerSettings {
  readonly topic: string;
  readonly deadLetterTopic: string;
  readonly consumerGroup: string;
  readonly maxBytesPerPartition: number;
  /** Partitions applied in parallel (each in its own transaction). */
  readonly partitionsConcurrently: number;
  /** Fault injection: ms each batch transaction stays open before COMMIT (0 = off). */
  readonly applyDelayMs: number;
}

export const LEDGER_SETTINGS = Symbol('kt.ledger.settings');
