import type { BudgetPeriod } from '@kt/contracts';

/** A budget period's range in epoch milliseconds, `endMs` exclusive; null for a `total` budget. */
export interface WindowRange {
  readonly startMs: number;
  readonly endMs: number | null;
}

const DAY_MS = 86_400_000;

/**
 * The calendar window (UTC) that contains `atMs`: days start at midnight, weeks on Monday, months on
 * the 1st. A `total` budget counts everything ever spent, so its window starts at the epoch.
 */
export function windowAt(period: BudgetPeriod, atMs: number): WindowRange {
  const at = new Date(atMs);
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  switch (period) {
    case 'daily':
      return { startMs: midnight, endMs: midnight + DAY_MS };
    case 'weekly': {
      // getUTCDay: Sunday 0 … Saturday 6; days since Monday:
      const sinceMonday = (at.getUTCDay() + 6) % 7;
      const start = midnight - sinceMonday * DAY_MS;
      return { startMs: start, endMs: start + 7 * DAY_MS };
    }
    case 'monthly':
      return {
        startMs: Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1),
        endMs: Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1),
      };
    case 'total':
      return { startMs: 0, endMs: null };
  }
}
