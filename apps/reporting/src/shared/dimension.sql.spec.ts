import { describe, expect, it } from 'vitest';
import { dimensionFilter } from './dimension.sql.js';
import { toWholeHours } from './window.read.js';

describe('dimensionFilter', () => {
  it('filters each given dimension by its column, numbering parameters from the given one', () => {
    expect(dimensionFilter({ provider: 'openai', group: 'chat', key: 'k1' }, 3)).toEqual({
      clauses: ['provider = $3', '"group" = $4', 'key_id = $5'],
      params: ['openai', 'chat', 'k1'],
    });
  });

  it('adds nothing when no dimension is given', () => {
    expect(dimensionFilter({ since: '1d' }, 1)).toEqual({ clauses: [], params: [] });
  });
});

describe('toWholeHours', () => {
  it.each([
    [
      '2026-11-24T10:30:00.000Z',
      '2026-11-24T12:15:00.000Z',
      '2026-11-24T10:00:00.000Z',
      '2026-11-24T13:00:00.000Z',
    ],
    [
      '2026-11-24T10:00:00.000Z',
      '2026-11-24T12:00:00.000Z',
      '2026-11-24T10:00:00.000Z',
      '2026-11-24T12:00:00.000Z',
    ],
  ])('widens [%s, %s) to [%s, %s)', (since, until, wideSince, wideUntil) => {
    const wide = toWholeHours({ since: new Date(since), until: new Date(until) });
    expect([wide.since.toISOString(), wide.until.toISOString()]).toEqual([wideSince, wideUntil]);
  });
});
