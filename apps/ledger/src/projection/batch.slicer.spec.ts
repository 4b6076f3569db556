import { describe, expect, it } from 'vitest';
import { sampleRouteEvent } from '../../../../test/support/route-event.fixture.js';
import { sliceBatch } from './batch.slicer.js';

const valid = Buffer.from(JSON.stringify(sampleRouteEvent()));
const record = (offset: string, value: Buffer | null) => ({ offset, key: null, value });

describe('sliceBatch', () => {
  it.each([
    ['invalid JSON', Buffer.from('{nope'), /JSON/i],
    [
      'an unknown schema version',
      Buffer.from(JSON.stringify({ ...sampleRouteEvent(), schema: 'kt.route.v9' })),
      /schema/,
    ],
    ['a tombstone', null, /tombstone/],
  ])('turns %s into poison with the reason, and keeps going', (_name, value, reason) => {
    const { slice, poison } = sliceBatch('g', 't', 1, [
      record('7', valid),
      record('8', value),
      record('9', valid),
    ]);
    expect(slice.offsets).toEqual(['7', '9']);
    expect(poison).toHaveLength(1);
    expect(poison[0]?.record.offset).toBe('8');
    expect(poison[0]?.reason).toMatch(reason);
  });

  it('resumes after the last record, poison included', () => {
    expect(sliceBatch('g', 't', 0, [record('41', Buffer.from('x'))]).slice.nextOffset).toBe('42');
  });
});
