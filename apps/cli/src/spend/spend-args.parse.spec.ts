import { describe, expect, it } from 'vitest';
import { oneOf, parseScope, parseThresholds } from './spend-args.parse.js';
import { formatBudgetTable, formatUsd } from './spend-list.format.js';

describe('parseScope', () => {
  it.each([
    ['team:finance', { ok: true, value: { scope_kind: 'team', scope_value: 'finance' } }],
    ['provider:azure:eu', { ok: true, value: { scope_kind: 'provider', scope_value: 'azure:eu' } }],
    ['global', { ok: true, value: { scope_kind: 'global' } }],
    ['team', { ok: false, error: '--scope team needs a name: --scope team:NAME' }],
    ['global:all', { ok: false, error: '--scope global takes no name' }],
    [
      'project:x',
      {
        ok: false,
        error:
          '--scope: expected one of provider, target, group, team, key, global (as KIND:NAME), got "project:x"',
      },
    ],
  ])('reads "%s"', (text, expected) => {
    expect(parseScope(text)).toEqual(expected);
  });
});

describe('parseThresholds', () => {
  it.each([
    ['50,80,100', [50, 80, 100]],
    ['90', [90]],
    [' 25, 75 ', [25, 75]],
  ])('accepts "%s"', (text, expected) => {
    expect(parseThresholds(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['80,50', '0,50', '50,120', '50,,80', 'fifty', '50,50', '12.5'])('refuses "%s"', (text) => {
    expect(parseThresholds(text).ok).toBe(false);
  });
});

describe('oneOf', () => {
  it('names the allowed values when refusing', () => {
    expect(oneOf('--period', 'yearly', ['daily', 'monthly'])).toEqual({
      ok: false,
      error: '--period: expected one of daily, monthly, got "yearly"',
    });
  });
});

describe('formatUsd', () => {
  it.each([
    ['5000000000', '5000.00'],
    ['1250', '0.00125'],
    ['0', '0.00'],
    ['-250000', '-0.25'],
    ['1234567', '1.234567'],
  ])('shows %s micro-USD as %s', (micro, usd) => {
    expect(formatUsd(micro)).toBe(usd);
  });
});

describe('formatBudgetTable', () => {
  it("shows a budget whose scope is all unpriced as unpriced, with reporting's note, never 0.00 / 0.0 %", () => {
    const budget = {
      budget_id: 'b-azure',
      name: null,
      scope: { kind: 'provider', value: 'azure' },
      period: 'monthly',
      limit_micro_usd: '5000000000',
      action: 'block',
      state: { spent_micro_usd: '0', utilisation_pct: 0, status: 'ok' },
    };
    const notes = new Map([['b-azure', { unpriced_requests: '184', unpriced_tokens: '4031' }]]);
    const [header, row] = formatBudgetTable([budget], notes).trimEnd().split('\n');
    expect(header).toMatch(/NAME\s+NOTE$/);
    expect(row).toMatch(
      /^b-azure\s+provider:azure\s+monthly\s+5000\.00\s+unpriced\s+-\s+ok\s+block\s+unpriced: 184 requests, 4,031 tokens$/,
    );
    // Without reporting's figures (no reporting token), the list reads as before.
    expect(formatBudgetTable([budget])).not.toContain('NOTE');
  });

  it('lines up one row per budget with its state', () => {
    const text = formatBudgetTable([
      {
        budget_id: 'b1',
        name: 'OpenAI',
        scope: { kind: 'provider', value: 'openai' },
        period: 'monthly',
        limit_micro_usd: '5000000000',
        action: 'block',
        state: { spent_micro_usd: '2500000000', utilisation_pct: 50, status: 'warning' },
      },
      {
        budget_id: 'b2',
        name: null,
        scope: { kind: 'global', value: null },
        period: 'total',
        limit_micro_usd: '1000000',
        action: 'alert',
        state: null,
      },
    ]);
    expect(text.split('\n')).toEqual([
      'ID  SCOPE            PERIOD   LIMIT_USD  SPENT_USD  USED   STATUS   ACTION  NAME',
      'b1  provider:openai  monthly  5000.00    2500.00    50.0%  warning  block   OpenAI',
      'b2  global           total    1.00       -          -      pending  alert',
      '',
    ]);
  });

  it('says so when there are no budgets', () => {
    expect(formatBudgetTable([])).toBe('no budgets\n');
  });
});
