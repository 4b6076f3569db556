import { describe, expect, it } from 'vitest';
import { logIdentity, logMismatch, type StoredCheckpoint, type TopicIdRead } from './log.identity.js';

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

describe('logIdentity: stored id × what reading the id gave', () => {
  const id: TopicIdRead = { kind: 'id', id: ID };
  const newId: TopicIdRead = { kind: 'id', id: NEW_ID };
  const none: TopicIdRead = { kind: 'none' };
  const error: TopicIdRead = {
    kind: 'error',
    error: 'Error: this kafkajs version does not expose its cluster',
  };
  // Checkpoints within the log (a recreated log that already grew past them looks exactly the same).
  const withId = [cp(0, 60n), cp(1, 10n)];
  const withoutId = [cp(0, 60n, null), cp(1, 10n, null)];
  const fresh: StoredCheckpoint[] = [];
  const beyond = [cp(0, 28_000n)];

  it.each([
    ['stored id, same id read', withId, id, 'matches'],
    ['stored id, new id read', withId, newId, 'mismatch'],
    ['stored id, read fails', withId, error, 'unconfirmed'],
    ['stored id, broker has no ids', withId, none, 'matches'],
    ['no stored id, id read', withoutId, id, 'matches'],
    ['no stored id, read fails', withoutId, error, 'matches'],
    ['no stored id, broker has no ids', withoutId, none, 'matches'],
    ['no checkpoints, read fails', fresh, error, 'matches'],
    ['checkpoint beyond the end, read fails', beyond, error, 'mismatch'],
    ['checkpoint beyond the end, no ids', beyond, none, 'mismatch'],
    ['checkpoint beyond the end, same id', beyond, id, 'mismatch'],
  ] as const)('%s → %s', (_, checkpoints, read, state) => {
    expect(logIdentity('t', checkpoints, ends, read).state).toBe(state);
  });

  it('does not consume when a stored id cannot be read, saying why without echoing the error', () => {
    const v = logIdentity('t', withId, ends, error);
    expect(v).toEqual({
      state: 'unconfirmed',
      reason: expect.stringMatching(
        /^cannot confirm the log is the one checkpointed: the id of topic t/,
      ) as string,
    });
    expect(JSON.stringify(v)).not.toMatch(/kafkajs/);
  });

  it('a stored id with only its checkpoints at offset 0 is no stored id (nothing could be skipped)', () => {
    expect(logIdentity('t', [cp(0, 0n)], ends, error).state).toBe('matches');
  });

  it('hands on the id read, and flags a broker without ids', () => {
    expect(logIdentity('t', withId, ends, id)).toEqual({ state: 'matches', topicId: ID, noIds: false });
    expect(logIdentity('t', withId, ends, none)).toEqual({ state: 'matches', noIds: true });
    expect(logIdentity('t', withoutId, ends, error)).toEqual({ state: 'matches', noIds: false });
  });
});
