// The answer of the ledger's `GET /v1/admin/verify`: one type for the ledger that builds it and the
// `kt ledger verify` command that reads it.

/** One partition as `GET /v1/admin/verify` reports it (offsets as decimal strings: they are int64). */
export interface PartitionAccount {
  readonly partition: number;
  /** The partition's end (high watermark) when verify was called. */
  readonly log_end: string;
  /** The ledger's checkpoint (next offset to apply) when the comparison was taken. */
  readonly checkpoint: string;
  /** Records up to `log_end` not yet applied (retention-deleted records excluded). */
  readonly lag: string;
  /** Lag that did not shrink while verify waited (see `STUCK_AFTER_MS`). */
  readonly stuck: boolean;
}

/** What `GET /v1/admin/verify` answers; `accounted` is the verdict `kt ledger verify` exits on. */
export interface VerifyReport {
  /** The ledger accounts for the whole log as of the call: equal, no lag, no mismatch, no timeout. */
  readonly accounted: boolean;
  /** The rollups equal the recomputation from the topic (false when no comparison was made). */
  readonly equal: boolean;
  /** Distinct route events recomputed from the topic, up to the checkpoints compared. */
  readonly events: number;
  readonly rows: number;
  /** Readable differences (`… cost_micro_usd expected 10 got 12`), at most 100. */
  readonly differences: readonly string[];
  readonly difference_count: number;
  /** Records in the compared range left out as dead letters (decoder or PostgreSQL refused them). */
  readonly dead_lettered: number;
  /** Sum of the partitions' lag, decimal string. */
  readonly lag: string;
  readonly partitions: readonly PartitionAccount[];
  readonly stuck_partitions: readonly number[];
  /**
   * Why the log is not accounted for as the one checkpointed: the projection stopped on a log it did
   * not checkpoint (with the fix), or the log cannot be confirmed (its topic id cannot be read); else null.
   */
  readonly mismatch: string | null;
  /** The verification did not finish within its timeout. */
  readonly timed_out: boolean;
  readonly elapsed_ms: number;
}
