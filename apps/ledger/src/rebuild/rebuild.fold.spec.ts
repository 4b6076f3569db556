import { describe, expect, it } from 'vitest';
import type { RouteEvent } from '@kt/contracts';
import { sampleRouteEvent } from '../../../../test/support/route-event.fixture.js';
import type { PartitionSlice } from '../projection/spend.applier.js';
import { RebuildFold } from './rebuild.fold.js';

const ID_A = '1b4e28ba-2fa1-4d2b-883f-0016d3cca427';
const ID_B = '7d444840-9dc0-11d1-b245-5ffdce74fad2';
const a = sampleRouteEvent({ event_id: ID_A });
const b = sampleRouteEvent({ event_id: ID_B, occurred_at: '2025-03-01T13:00:00.000Z' });
const aUpper = sampleRouteEvent({ event_id: ID_A.toUpperCase() });

function slice(partition: number, from: number, events: readonly RouteEvent[]): PartitionSlice {
  return {
    consumer: 'c',
    topic: 't',
    partition,
    offsets: events.map((_, i) => String(from + i)),
    firstOffset: String(from),
    events,
    texts: events.map((e) => JSON.stringify(e)),
    nextOffset: String(from + events.length),
  };
}

describe('RebuildFold', () => {
  it.each([
    ['keeps distinct events', [[a, b]], [ID_A, ID_B], 2n],
    ['drops a redelivery in the same slice', [[a, a, b]], [ID_A, ID_B], 2n],
    ['drops a redelivery in a later slice', [[a], [a, b]], [ID_A, ID_B], 2n],
    ['treats event ids case-insensitively, as Postgres uuids', [[a], [aUpper]], [ID_A], 1n],
  ] as const)('%s', (_, slices, ids, requests) => {
    const fold = new RebuildFold();
    const taken = slices.flatMap((events, k) => fold.take(slice(0, k * 10, events)));
    expect(taken.map((r) => r.eventId.toLowerCase())).toEqual(ids);
    expect(fold.rollups().reduce((n, r) => n + r.requests, 0n)).toBe(requests);
    expect(fold.rollups().reduce((n, r) => n + r.costMicroUsd, 0n)).toBe(1234n * requests);
  });

  it('rolls events up per UTC hour and lists the hours', () => {
    const fold = new RebuildFold();
    fold.take(slice(0, 0, [a, b]));
    expect(fold.hours()).toEqual(['2025-03-01T12:00:00.000Z', '2025-03-01T13:00:00.000Z']);
    expect(fold.rollups()).toHaveLength(2);
  });

  it('keeps the highest next offset per partition, whatever order slices finish in', () => {
    const fold = new RebuildFold();
    fold.take(slice(1, 5, [b]));
    fold.take(slice(0, 0, [a]));
    fold.take(slice(1, 0, [a]));
    expect(fold.checkpoints()).toEqual(
      new Map([
        [1, '6'],
        [0, '1'],
      ]),
    );
  });
});
