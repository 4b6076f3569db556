import { describe, expect, it } from 'vitest';
import type { BudgetDefinition } from '@kt/contracts';
import { windowAt } from '@kt/spend';
import { reportBudget } from './budget.report.js';

const monthly: BudgetDefinition = {
  budget_id: 'b1',
  scope: { kind: 'provider', value: 'openai' },
  period: 'monthly',
  limit_micro_usd: '3000000',
  thresholds_pct: [50, 80, 100],
  action: 'alert',
};
// 2026-11 has 30 days; the 11th at 00:00 is a third of the way through.
const now = Date.parse('2026-11-11T00:00:00.000Z');

describe('reportBudget', () => {
  it.each<[string, bigint, string, string, string]>([
    ['ok under the first threshold', 1_000_000n, 'ok', '0.3333', '3000000'],
    ['warning once a threshold is reached', 1_500_000n, 'warning', '0.5000', '4500000'],
    ['exhausted at the limit', 3_000_000n, 'exhausted', '1.0000', '9000000'],
    ['exhausted beyond it, with negative remaining', 3_500_000n, 'exhausted', '1.1666', '10500000'],
  ])('is %s', (_, spent, status, utilisation, forecast) => {
    const report = reportBudget(monthly, windowAt('monthly', now), spent, now);
    expect([report.status, report.utilisation, report.forecast_micro_usd]).toEqual([
      status,
      utilisation,
      forecast,
    ]);
    expect(report.remaining_micro_usd).toBe((3_000_000n - spent).toString());
    expect([report.window_start, report.window_end]).toEqual([
      '2026-11-01T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
    ]);
  });

  it('has no forecast for a total budget', () => {
    const total: BudgetDefinition = { ...monthly, period: 'total', scope: { kind: 'global', value: null } };
    const report = reportBudget(total, windowAt('total', now), 5n, now);
    expect([
      report.forecast_micro_usd,
      report.forecast_utilisation,
      report.window_end,
      report.scope_value,
    ]).toEqual([null, null, null, null]);
  });
});
