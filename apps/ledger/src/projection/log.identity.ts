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
  const stored = storedTopicId(checkpoints);
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

/** What reading the topic's id gave: the id, "this broker has no topic ids", or a failure. */
export type TopicIdRead =
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'error'; readonly error: string };

/**
 * The verdict on the log: `matches` (consume; `topicId` is stored with the next checkpoints),
 * `mismatch` (stopped until `kt ledger rebuild`) or `unconfirmed` (a topic id is stored with the
 * checkpoints but cannot be read now: the log ends alone cannot tell a recreated topic that has
 * already grown past the checkpoints, so nothing is consumed until the id can be read again).
 */
export type LogIdentity =
  | { readonly state: 'matches'; readonly topicId?: string; readonly noIds: boolean }
  | { readonly state: 'mismatch'; readonly mismatch: LogMismatch }
  | { readonly state: 'unconfirmed'; readonly reason: string };

/** The `/readyz` reason and the start of every log line while the log cannot be confirmed. */
export const UNCONFIRMED = 'cannot confirm the log is the one checkpointed';

export function logIdentity(
  topic: string,
  checkpoints: readonly StoredCheckpoint[],
  logEnds: ReadonlyMap<number, bigint>,
  read: TopicIdRead,
): LogIdentity {
  const id = read.kind === 'id' ? read.id : undefined;
  const mismatch = logMismatch(topic, checkpoints, logEnds, id);
  // A checkpoint beyond the log end is proof enough of a foreign log, with or without the id.
  if (mismatch) return { state: 'mismatch', mismatch };
  if (read.kind === 'error' && storedTopicId(checkpoints) !== undefined)
    return {
      state: 'unconfirmed',
      reason: `${UNCONFIRMED}: the id of topic ${topic} cannot be read; not projecting until it can`,
    };
  // No id stored (a fresh ledger, checkpoints from before ids) or a broker without ids (before
  // Kafka 2.8): the log-end check above is all there is.
  return { state: 'matches', ...(id !== undefined ? { topicId: id } : {}), noIds: read.kind === 'none' };
}

/** The topic id the checkpoints were taken on (any checkpoint past the log start carries it). */
export function storedTopicId(checkpoints: readonly StoredCheckpoint[]): string | undefined {
  return checkpoints.find((c) => c.topicId !== null && c.next > 0n)?.topicId ?? undefined;
}
