/**
 * Records not yet applied, per partition: the high watermark minus the ledger's checkpoint (the
 * next offset to apply). A partition without a checkpoint has applied nothing; a checkpoint ahead
 * of a stale watermark reads as no lag, never negative.
 */
export function consumerLag(
  highWatermarks: ReadonlyMap<number, bigint>,
  checkpoints: ReadonlyMap<number, bigint>,
): ReadonlyMap<number, number> {
  const lag = new Map<number, number>();
  for (const [partition, high] of highWatermarks) {
    const behind = high - (checkpoints.get(partition) ?? 0n);
    lag.set(partition, behind > 0n ? Number(behind) : 0);
  }
  return lag;
}
