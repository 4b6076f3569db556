import { describe, expect, it } from 'vitest';
import { sampleRouteEvent } from '../../../../test/support/route-event.fixture.js';
import type { PartitionSlice } from './spend.applier.js';
import { splitPerRecord } from './record.split.js';

const e = sampleRouteEvent();
const slice = (offsets: string[], first: string, next: string): PartitionSlice => ({
  consumer: 'c',
  topic: 't',
  partition: 1,
  offsets,
  events: offsets.map(() => e),
  texts: offsets.map((o) => `{"o":${o}}`),
  firstOffset: first,
  nextOffset: next,
});

describe('splitPerRecord', () => {
  it('cuts contiguous one-event slices, poison gaps and the tail included', () => {
    const parts = splitPerRecord(slice(['10', '12', '13'], '10', '16'));
    expect(parts.map((p) => [p.firstOffset, p.nextOffset, p.offsets])).toEqual([
      ['10', '11', ['10']],
      ['11', '13', ['12']],
      ['13', '14', ['13']],
      ['14', '16', []],
    ]);
    expect(parts[1]?.texts).toEqual(['{"o":12}']);
  });

  it('keeps a slice of poison only as one checkpoint move', () => {
    expect(splitPerRecord(slice([], '4', '7')).map((p) => [p.firstOffset, p.nextOffset])).toEqual([
      ['4', '7'],
    ]);
  });
});
