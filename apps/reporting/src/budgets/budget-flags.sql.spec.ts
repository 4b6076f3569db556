import { describe, expect, it } from 'vitest';
import { budgetFlagsQuery } from './budget-flags.sql.js';

describe('budgetFlagsQuery', () => {
  it('counts unpriced (with tokens) and estimated requests in the scope and window, from ledger_entries', () => {
    const window = { startMs: Date.parse('2026-12-01T00:00:00Z'), endMs: Date.parse('2027-01-01T00:00:00Z') };
    const { sql, params } = budgetFlagsQuery({ kind: 'provider', value: 'azure' }, window);
    expect(sql).toContain('FROM ledger_entries WHERE occurred_at >= $1');
    expect(sql).toContain('AND provider = $3');
    expect(sql).toContain(
      `COUNT(*) FILTER (WHERE priced_by = 'unpriced' AND input_tokens + output_tokens > 0)`,
    );
    expect(sql).toContain(`COUNT(*) FILTER (WHERE priced_by = 'estimate')::text AS estimated_requests`);
    expect(params).toEqual([new Date(window.startMs), new Date(window.endMs), 'azure']);
  });
});
