import { describe, expect, it } from 'vitest';
import { budgetSpendQuery } from '@kt/spend';
import { budgetReportQuery } from './budget-report.sql.js';

describe('budgetReportQuery', () => {
  const window = { startMs: Date.parse('2026-12-01T00:00:00Z'), endMs: Date.parse('2027-01-01T00:00:00Z') };
  const scope = { kind: 'provider', value: 'azure' } as const;

  it('sums spend and the unpriced and estimated counts from the rollup, never ledger_entries', () => {
    const { sql } = budgetReportQuery(scope, window);
    expect(sql).toContain('FROM spend_hourly WHERE hour >= $1');
    expect(sql).not.toContain('ledger_entries');
    expect(sql).toContain('SUM(unpriced_tokens)');
  });

  it('filters the scope and window exactly as the ledger counts the budget', () => {
    const ours = budgetReportQuery(scope, window);
    const ledger = budgetSpendQuery(scope, window);
    expect(ours.sql.split('WHERE ')[1]).toBe(ledger.sql.split('WHERE ')[1]);
    expect(ours.params).toEqual(ledger.params);
  });
});
