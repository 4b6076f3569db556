import { describe, expect, it } from 'vitest';
import { logMismatch, type StoredCheckpoint } from './log.identity.js';

const ID = '11111111-1111-1111-1111-111111111111';
const NEW_ID = '22222222-2222-2222-2222-222222222222';
const cp = (partition: number, next: bigint, topicId: string | null = ID): StoredCheckpoint => ({
  partition,
  next,
  topicId,
});
const ends = new Map([
  [0, 100n],
  [1, 50n],
]);

describe('logMismatch', () => {
  it('accepts checkpoints within the log of the same topic id', () => {
    expect(logMismatch('t', [cp(0, 100n), cp(1, 10n)], ends, ID)).toBeUndefined();
    expect(logMismatch('t', [cp(0, 100n, null)], ends, undefined)).toBeUndefined();
  });

  it('names the partition, checkpoint and log end of a checkpoint beyond the end, and the fix', () => {
    const m = logMismatch('t', [cp(0, 100n), cp(1, 28_000n)], ends, ID);
    expect(m?.partitions).toEqual([{ partition: 1, checkpoint: '28000', logEnd: '50' }]);
    expect(m?.message).toMatch(/partition 1 checkpoint 28000 > log end 50/);
    expect(m?.message).toMatch(/kt ledger rebuild/);
  });

  it('counts a partition the log no longer has as ending at 0', () => {
    expect(logMismatch('t', [cp(7, 3n)], ends, ID)?.partitions).toEqual([
      { partition: 7, checkpoint: '3', logEnd: '0' },
    ]);
  });

  it('stops on a changed topic id even when the new log is already longer', () => {
    const m = logMismatch('t', [cp(0, 5n)], ends, NEW_ID);
    expect(m?.message).toMatch(new RegExp(`id ${NEW_ID}.*taken on id ${ID}.*kt ledger rebuild`));
  });
});
