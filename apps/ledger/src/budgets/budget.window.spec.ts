import { describe, expect, it } from 'vitest';
import type { BudgetPeriod } from '@kt/contracts';
import { windowAt } from './budget.window.js';

const ms = (iso: string): number => Date.parse(iso);
const iso = (value: number | null): string | null => (value === null ? null : new Date(value).toISOString());

describe('windowAt', () => {
  it.each<[string, BudgetPeriod, string, string, string | null]>([
    [
      'a daily window spans the UTC day',
      'daily',
      '2025-03-14T15:09:26.535Z',
      '2025-03-14T00:00:00.000Z',
      '2025-03-15T00:00:00.000Z',
    ],
    [
      'a daily window starts exactly at midnight',
      'daily',
      '2025-03-14T00:00:00.000Z',
      '2025-03-14T00:00:00.000Z',
      '2025-03-15T00:00:00.000Z',
    ],
    [
      'the last millisecond of a day belongs to it',
      'daily',
      '2025-03-14T23:59:59.999Z',
      '2025-03-14T00:00:00.000Z',
      '2025-03-15T00:00:00.000Z',
    ],
    [
      'a daily window crosses the year end',
      'daily',
      '2024-12-31T12:00:00.000Z',
      '2024-12-31T00:00:00.000Z',
      '2025-01-01T00:00:00.000Z',
    ],
    [
      'a week starts on Monday (a Wednesday)',
      'weekly',
      '2025-03-12T10:00:00.000Z',
      '2025-03-10T00:00:00.000Z',
      '2025-03-17T00:00:00.000Z',
    ],
    [
      'a Sunday belongs to the week that began the Monday before',
      'weekly',
      '2025-03-16T23:00:00.000Z',
      '2025-03-10T00:00:00.000Z',
      '2025-03-17T00:00:00.000Z',
    ],
    [
      'a Monday starts a new week',
      'weekly',
      '2025-03-17T00:00:00.000Z',
      '2025-03-17T00:00:00.000Z',
      '2025-03-24T00:00:00.000Z',
    ],
    [
      'a week can span two years',
      'weekly',
      '2025-01-01T08:00:00.000Z',
      '2024-12-30T00:00:00.000Z',
      '2025-01-06T00:00:00.000Z',
    ],
    [
      'a month runs from the 1st to the next 1st',
      'monthly',
      '2025-03-31T23:59:59.999Z',
      '2025-03-01T00:00:00.000Z',
      '2025-04-01T00:00:00.000Z',
    ],
    [
      'February of a leap year has 29 days',
      'monthly',
      '2024-02-29T12:00:00.000Z',
      '2024-02-01T00:00:00.000Z',
      '2024-03-01T00:00:00.000Z',
    ],
    [
      'February of a common year ends on the 28th',
      'monthly',
      '2025-02-28T23:00:00.000Z',
      '2025-02-01T00:00:00.000Z',
      '2025-03-01T00:00:00.000Z',
    ],
    [
      'December rolls into January',
      'monthly',
      '2025-12-15T00:00:00.000Z',
      '2025-12-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
    ],
    [
      'a total window starts at the epoch and never ends',
      'total',
      '2025-03-14T15:09:26.535Z',
      '1970-01-01T00:00:00.000Z',
      null,
    ],
  ])('%s', (_name, period, at, start, end) => {
    const window = windowAt(period, ms(at));
    expect(iso(window.startMs)).toBe(start);
    expect(iso(window.endMs)).toBe(end);
  });

  it('gives a leap day its own daily window', () => {
    const window = windowAt('daily', ms('2024-02-29T06:00:00.000Z'));
    expect(iso(window.endMs)).toBe('2024-03-01T00:00:00.000Z');
  });
});
