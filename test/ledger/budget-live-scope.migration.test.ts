import { Logger } from '@nestjs/common';
import { describe, expect, it, vi } from 'vitest';
import { createDataSource, type DataSource } from '@kt/persistence';
import { LEDGER_MIGRATIONS } from '../../apps/ledger/src/ledger.module.js';
import { BudgetLiveScope1764000000005 } from '../../apps/ledger/src/migrations/1764000000005-budget-live-scope.migration.js';
import { createDatabase } from './budgets.fixture.js';

const definition = (id: string, kind: string, value: string | null, limit: string, action = 'block') =>
  JSON.stringify({
    budget_id: id,
    scope: { kind, value },
    period: 'monthly',
    limit_micro_usd: limit,
    thresholds_pct: [50, 80, 100],
    action,
  });

async function migrated(url: string, count: number): Promise<DataSource> {
  const ds = createDataSource({ url, migrations: LEDGER_MIGRATIONS.slice(0, count), migrationsRun: true });
  await ds.initialize();
  return ds;
}

describe('the migration that makes budgets unique by scope, period and action', () => {
  it('keeps the oldest of existing duplicates, marks the others deleted, then refuses new duplicates', async () => {
    const url = await createDatabase();
    const before = await migrated(url, LEDGER_MIGRATIONS.indexOf(BudgetLiveScope1764000000005));
    const rows: [string, string, string, string, boolean][] = [
      // The seed's provider-budget line run three times, with one limit changed by hand.
      ['b-new', definition('b-new', 'provider', 'openai', '5000000000'), '2026-11-03T00:00:00Z', 'e3', false],
      ['a-old', definition('a-old', 'provider', 'openai', '5000000000'), '2026-11-01T00:00:00Z', 'e1', false],
      ['c-mid', definition('c-mid', 'provider', 'openai', '6000000000'), '2026-11-02T00:00:00Z', 'e2', false],
      // Another action, a global budget twice, and a duplicate that was already deleted.
      [
        'd-alert',
        definition('d-alert', 'provider', 'openai', '1', 'alert'),
        '2026-11-04T00:00:00Z',
        'e4',
        false,
      ],
      ['g-1', definition('g-1', 'global', null, '1'), '2026-11-05T00:00:00Z', 'e5', false],
      ['g-2', definition('g-2', 'global', null, '2'), '2026-11-06T00:00:00Z', 'e6', false],
      ['x-gone', definition('x-gone', 'provider', 'openai', '1'), '2026-10-01T00:00:00Z', 'e0', true],
      // Defined at the same instant: the smaller id in byte order stays, as the projection decides.
      ['t-lower', definition('t-lower', 'team', 'tie', '2'), '2026-11-07T00:00:00Z', 'e7', false],
      ['T-upper', definition('T-upper', 'team', 'tie', '1'), '2026-11-07T00:00:00Z', 'e8', false],
    ];
    for (const [id, def, at, event, deleted] of rows) {
      await before.query(
        `INSERT INTO budgets (budget_id, definition, deleted, defined_at, updated_at, last_event_id)
         VALUES ($1, $2, $3, $4, $4, $5)`,
        [id, def, deleted, at, event],
      );
    }
    await before.destroy();

    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const after = await migrated(url, LEDGER_MIGRATIONS.length);
    try {
      // Every deleted duplicate is logged with its limit and the budget kept in its place.
      expect(warn.mock.calls.map(([message]) => String(message)).sort()).toEqual([
        'deleted duplicate budget b-new (provider:openai monthly block, limit_micro_usd 5000000000); kept a-old',
        'deleted duplicate budget c-mid (provider:openai monthly block, limit_micro_usd 6000000000); kept a-old',
        'deleted duplicate budget g-2 (global monthly block, limit_micro_usd 2); kept g-1',
        'deleted duplicate budget t-lower (team:tie monthly block, limit_micro_usd 2); kept T-upper',
      ]);
      const live = await after.query<{ budget_id: string }[]>(
        'SELECT budget_id FROM budgets WHERE NOT deleted ORDER BY budget_id',
      );
      expect(live.map((row) => row.budget_id).sort()).toEqual(['T-upper', 'a-old', 'd-alert', 'g-1']);
      const deleted = await after.query<{ budget_id: string }[]>(
        'SELECT budget_id FROM budgets WHERE deleted ORDER BY budget_id',
      );
      expect(deleted.map((row) => row.budget_id).sort()).toEqual([
        'b-new',
        'c-mid',
        'g-2',
        't-lower',
        'x-gone',
      ]);
      await expect(
        after.query(
          `INSERT INTO budgets (budget_id, definition, deleted, defined_at, updated_at, last_event_id)
           VALUES ('dup', $1, false, now(), now(), 'e9')`,
          [definition('dup', 'provider', 'openai', '7')],
        ),
      ).rejects.toThrow(/budgets_live_scope/);
      // A deleted budget does not hold its scope.
      await after.query(
        `INSERT INTO budgets (budget_id, definition, deleted, defined_at, updated_at, last_event_id)
         VALUES ('dup-deleted', $1, true, now(), now(), 'e10')`,
        [definition('dup-deleted', 'provider', 'openai', '7')],
      );
    } finally {
      warn.mockRestore();
      await after.destroy();
    }
  }, 60_000);
});
