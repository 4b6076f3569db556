import { describe, expect, it } from 'vitest';
import { ledgerLag } from './audit.live.reader.js';

describe('ledgerLag', () => {
  it.each([
    [
      'is zero when every checkpoint reached its watermark',
      [
        [0, 5n],
        [1, 0n],
      ],
      [[0, 5n]],
      0,
    ],
    [
      'counts records below the watermark per partition',
      [
        [0, 5n],
        [1, 3n],
      ],
      [
        [0, 2n],
        [1, 3n],
      ],
      3,
    ],
    ['counts a partition the ledger never checkpointed in full', [[0, 4n]], [], 4],
    ['ignores a checkpoint past the watermark', [[0, 4n]], [[0, 9n]], 0],
  ] as const)('%s', (_name, high, at, lag) => {
    expect(ledgerLag(new Map(high), new Map(at))).toBe(lag);
  });
});
