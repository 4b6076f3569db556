import { describe, expect, it } from 'vitest';
import type { VerifyAnswer } from './ledger.client.js';
import { timeoutMs, verifySummary } from './verify.summary.js';

const answer: VerifyAnswer = {
  accounted: true,
  equal: true,
  events: 10,
  rows: 3,
  differences: [],
  difference_count: 0,
  dead_lettered: 1,
  lag: '0',
  partitions: [{ partition: 0, log_end: '11', checkpoint: '11', lag: '0', stuck: false }],
  stuck_partitions: [],
  mismatch: null,
  timed_out: false,
  elapsed_ms: 900,
};

describe('verifySummary', () => {
  it('prints the dead-letter count when the whole log is accounted for', () => {
    const s = verifySummary(answer);
    expect(s.ok).toBe(true);
    expect(s.lines[0]).toMatch(/^verify: equal — 10 events, 3 rollup rows, dead-lettered: 1, lag: 0/);
  });

  it('fails on lag at a timeout, naming the stuck partition', () => {
    const s = verifySummary({
      ...answer,
      accounted: false,
      equal: false,
      timed_out: true,
      lag: '5',
      partitions: [{ partition: 2, log_end: '9', checkpoint: '4', lag: '5', stuck: true }],
      elapsed_ms: 3_000,
    });
    expect(s.ok).toBe(false);
    expect(s.lines).toEqual([
      'verify: NOT accounted — timed out after 3 s; dead-lettered: 1, lag: 5',
      '  partition 2: checkpoint 4, log end 9, lag 5 (stuck: not moving)',
    ]);
  });

  it('fails on a log mismatch with the fix', () => {
    const s = verifySummary({
      ...answer,
      accounted: false,
      mismatch: 'projection stopped; run `kt ledger rebuild`',
    });
    expect(s.lines[0]).toMatch(/NOT accounted — .*kt ledger rebuild/);
  });
});

describe('timeoutMs', () => {
  it.each([
    ['120', 120_000],
    ['2.5', 2_500],
    ['0', undefined],
    ['abc', undefined],
    ['7200', undefined],
  ])('%s s', (raw, want) => {
    expect(timeoutMs(raw)).toBe(want);
  });
});
