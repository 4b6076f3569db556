/**
 * Whether the log on the broker is the one the checkpoints were taken on. A checkpoint is the next
 * offset to read; on the same log it can never pass the partition's end (the high watermark). A
 * recreated topic, a new cluster or a fresh local data directory gives a log whose ends are below
 * the checkpoints (every new record would be skipped as "already applied") and, where the broker
 * has topic ids, a new topic id. Either stops the projection until `kt ledger rebuild`.
 */
export interface StoredCheckpoint {
  readonly partition: number;
  readonly next: bigint;
  /** Topic id the checkpoint was taken on; null for checkpoints from before ids were stored. */
  readonly topicId: string | null;
}

export interface LogMismatch {
  /** One line for logs, `/v1/admin/verify` and `kt ledger verify`, naming the fix. */
  readonly message: string;
  readonly partitions: readonly { partition: number; checkpoint: string; logEnd: string }[];
  readonly storedTopicId?: string;
  readonly topicId?: string;
}

export const FIX = 'run `kt ledger rebuild` to project this log from its start';

export function logMismatch(
  topic: string,
  checkpoints: readonly StoredCheckpoint[],
  logEnds: ReadonlyMap<number, bigint>,
  topicId: string | undefined,
): LogMismatch | undefined {
  const stored = checkpoints.find((c) => c.topicId !== null && c.next > 0n)?.topicId ?? undefined;
  if (topicId !== undefined && stored !== undefined && stored !== topicId) {
    return {
      message: `topic ${topic} has id ${topicId}, but the ledger's checkpoints were taken on id ${stored} (the topic was recreated): projection stopped; ${FIX}`,
      partitions: [],
      storedTopicId: stored,
      topicId,
    };
  }
  const beyond = checkpoints
    .filter((c) => c.next > (logEnds.get(c.partition) ?? 0n))
    .map((c) => ({
      partition: c.partition,
      checkpoint: c.next.toString(),
      logEnd: (logEnds.get(c.partition) ?? 0n).toString(),
    }));
  if (beyond.length === 0) return undefined;
  const where = beyond
    .map((b) => `partition ${b.partition} checkpoint ${b.checkpoint} > log end ${b.logEnd}`)
    .join(', ');
  return {
    message: `the ledger's checkpoints are beyond the end of ${topic} (${where}): this is not the log the ledger checkpointed; projection stopped; ${FIX}`,
    partitions: beyond,
    ...(stored !== undefined ? { storedTopicId: stored } : {}),
    ...(topicId !== undefined ? { topicId } : {}),
  };
}
