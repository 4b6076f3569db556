import { describe, expect, it } from 'vitest';
import { topicsToCreate } from './topics.ensure.js';

describe('topicsToCreate', () => {
  it('skips topics that already exist and keeps partitions and configs of the others', () => {
    const out = topicsToCreate(
      [
        { topic: 'kt.route-events.v1', numPartitions: 6, configEntries: { 'retention.ms': '-1' } },
        {
          topic: 'kt.budget-state.v1',
          numPartitions: 3,
          configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
        },
      ],
      new Set(['kt.route-events.v1']),
    );
    expect(out).toEqual([
      {
        topic: 'kt.budget-state.v1',
        numPartitions: 3,
        replicationFactor: -1,
        configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
      },
    ]);
  });

  it('leaves partitions and replication to the broker defaults when a spec does not say', () => {
    expect(topicsToCreate([{ topic: 't' }], new Set())).toEqual([
      { topic: 't', numPartitions: -1, replicationFactor: -1, configEntries: [] },
    ]);
  });

  it('asks for a topic named twice only once', () => {
    expect(
      topicsToCreate(
        [
          { topic: 't', numPartitions: 1 },
          { topic: 't', numPartitions: 2 },
        ],
        new Set(),
      ),
    ).toHaveLength(1);
  });
});
