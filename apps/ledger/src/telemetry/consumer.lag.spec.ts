import { describe, expect, it } from 'vitest';
import { consumerLag } from './consumer.lag.js';

describe('consumerLag', () => {
  it.each([
    { name: 'a caught-up partition has no lag', high: [[0, 10n]], checkpoints: [[0, 10n]], lag: [[0, 0]] },
    {
      name: 'lag is the watermark minus the checkpoint',
      high: [[0, 10n]],
      checkpoints: [[0, 4n]],
      lag: [[0, 6]],
    },
    {
      name: 'a partition never applied lags by its whole watermark',
      high: [[1, 7n]],
      checkpoints: [],
      lag: [[1, 7]],
    },
    {
      name: 'a checkpoint ahead of a stale watermark is no lag, not negative',
      high: [[0, 3n]],
      checkpoints: [[0, 5n]],
      lag: [[0, 0]],
    },
    {
      name: 'every partition of the topic is reported, checkpoints of unknown partitions are ignored',
      high: [
        [0, 2n],
        [1, 9n],
      ],
      checkpoints: [
        [0, 2n],
        [5, 1n],
      ],
      lag: [
        [0, 0],
        [1, 9],
      ],
    },
  ] as const)('$name', ({ high, checkpoints, lag }) => {
    const highMap = new Map<number, bigint>(high.map(([p, o]) => [p, o]));
    const checkpointMap = new Map<number, bigint>(checkpoints.map(([p, o]) => [p, o]));
    expect([...consumerLag(highMap, checkpointMap)]).toEqual(lag.map(([p, l]) => [p, l]));
  });
});
