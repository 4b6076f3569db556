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

/** A partition whose checkpoint did not move for this long while lagging is reported stuck. */
export const STUCK_AFTER_MS = 10_000;

export interface PartitionProgress {
  readonly checkpoint: bigint;
  /** When the checkpoint last moved (or verify started). */
  readonly movedAt: number;
}

/**
 * Each partition's lag against the log end captured at the call. Records below the log start are
 * gone (retention) and cannot be applied, so they are not lag. A partition is stuck when it lags
 * and its checkpoint has not moved for `STUCK_AFTER_MS` (or for the whole wait, if shorter).
 */
export function partitionAccounts(
  ends: ReadonlyMap<number, bigint>,
  starts: ReadonlyMap<number, bigint>,
  progress: ReadonlyMap<number, PartitionProgress>,
  startedAt: number,
  now: number,
): PartitionAccount[] {
  const stillFor = Math.min(STUCK_AFTER_MS, now - startedAt);
  return [...ends]
    .sort(([a], [b]) => a - b)
    .map(([partition, end]) => {
      const p = progress.get(partition) ?? { checkpoint: 0n, movedAt: startedAt };
      const start = starts.get(partition) ?? 0n;
      const applied = p.checkpoint > start ? p.checkpoint : start;
      const lag = end > applied ? end - applied : 0n;
      return {
        partition,
        log_end: end.toString(),
        checkpoint: p.checkpoint.toString(),
        lag: lag.toString(),
        stuck: lag > 0n && now - p.movedAt >= stillFor,
      };
    });
}

/** Next progress map: a partition whose checkpoint changed has moved now. */
export function track(
  before: ReadonlyMap<number, PartitionProgress>,
  checkpoints: ReadonlyMap<number, bigint>,
  now: number,
  startedAt: number,
): Map<number, PartitionProgress> {
  const next = new Map<number, PartitionProgress>();
  for (const [partition, checkpoint] of checkpoints) {
    const was = before.get(partition);
    next.set(partition, {
      checkpoint,
      movedAt: was === undefined ? startedAt : was.checkpoint === checkpoint ? was.movedAt : now,
    });
  }
  for (const [partition, was] of before) if (!next.has(partition)) next.set(partition, was);
  return next;
}
