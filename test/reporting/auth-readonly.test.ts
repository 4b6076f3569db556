import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthRange, partitionName } from '@kt/spend';
import { sql } from '../ledger/ledger.fixture.js';
import { waitForLog } from '../support/log.wait.js';
import { startReportingStack, type ReportingStack } from './reporting.fixture.js';

let readOnly: ReportingStack;
let writable: ReportingStack;

beforeAll(async () => {
  [readOnly, writable] = await Promise.all([
    startReportingStack(),
    startReportingStack({ writableDatabase: true, waitFor: 'healthz' }),
  ]);
}, 180_000);

afterAll(async () => {
  await Promise.all([readOnly?.stop(), writable?.stop()]);
});

describe('reporting’s read-only database role', () => {
  it('cannot change a ledger table', async () => {
    for (const statement of [
      "INSERT INTO spend_hourly VALUES (now(), 'p', 't', 'g', 'm', 'team', 'k', 1, 0, 0, 0, 1)",
      'UPDATE spend_hourly SET cost_micro_usd = 0',
      'DELETE FROM ledger_entries',
      'TRUNCATE budgets',
    ]) {
      await expect(sql(readOnly.databaseUrl, statement)).rejects.toThrow(/permission denied/);
    }
  });

  it('can read a monthly partition the ledger creates after the migration', async () => {
    const [from, to] = monthRange('2031-05-10T00:00:00.000Z');
    const partition = partitionName('ledger_entries', from);
    await sql(
      readOnly.adminDatabaseUrl,
      `CREATE TABLE ${partition} PARTITION OF ledger_entries FOR VALUES FROM ('${from}') TO ('${to}')`,
    );
    expect(await sql(readOnly.databaseUrl, `SELECT count(*)::int AS n FROM ${partition}`)).toEqual([
      { n: 0 },
    ]);
  });

  it('keeps reporting unready, saying why, when it is given a role that can write', async () => {
    const res = await fetch(`${writable.reportingUrl}/readyz`);
    expect(res.status).toBe(503);
    expect(JSON.stringify(await res.json())).toContain('"read-only-database":false');
    const logs = await waitForLog(() => writable.reportingLogs(), 'can write ledger_entries');
    expect(logs).toContain('can write ledger_entries');
    expect(logs).toContain('kt_reporting_read');
    const ready = await fetch(`${readOnly.reportingUrl}/readyz`);
    expect(ready.status).toBe(200);
  });
});
