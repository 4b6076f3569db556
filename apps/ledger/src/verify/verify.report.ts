import type { PartitionAccount } from '@kt/contracts';

export type { PartitionAccount, VerifyReport } from '@kt/contracts';

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
