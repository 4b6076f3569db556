import { describe, expect, it } from 'vitest';
import { partitionAccounts, STUCK_AFTER_MS, track } from './verify.report.js';

const ends = new Map([
  [0, 100n],
  [1, 50n],
  [2, 10n],
]);

describe('partitionAccounts', () => {
  it('reports lag against the log end at the call, never negative, retention-deleted records excluded', () => {
    const progress = track(
      new Map(),
      new Map([
        [0, 100n],
        [1, 20n],
      ]),
      0,
      0,
    );
    const starts = new Map([[2, 10n]]);
    const rows = partitionAccounts(ends, starts, progress, 0, 1_000);
    expect(rows.map((r) => [r.partition, r.checkpoint, r.lag])).toEqual([
      [0, '100', '0'],
      [1, '20', '30'],
      [2, '0', '0'],
    ]);
  });

  it('calls a lagging partition stuck only when its checkpoint stopped moving', () => {
    let progress = track(
      new Map(),
      new Map([
        [0, 10n],
        [1, 10n],
      ]),
      0,
      0,
    );
    progress = track(
      progress,
      new Map([
        [0, 10n],
        [1, 20n],
      ]),
      STUCK_AFTER_MS,
      0,
    );
    const rows = partitionAccounts(ends, new Map(), progress, 0, STUCK_AFTER_MS + 1);
    expect(rows.filter((r) => r.stuck).map((r) => r.partition)).toEqual([0, 2]);
  });
});
