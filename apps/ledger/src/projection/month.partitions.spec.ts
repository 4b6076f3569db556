import type { DataSource } from '@kt/persistence';
import { describe, expect, it } from 'vitest';
import { MonthPartitions } from './month.partitions.js';

function recording(): { readonly ds: DataSource; readonly created: string[] } {
  const created: string[] = [];
  const ds = {
    query: (sql: string) => {
      created.push(/CREATE TABLE IF NOT EXISTS (\S+)/.exec(sql)?.[1] ?? sql);
      return Promise.resolve([]);
    },
  } as unknown as DataSource;
  return { ds, created };
}

describe('MonthPartitions', () => {
  it('creates each month once, across batches', async () => {
    const { ds, created } = recording();
    const partitions = new MonthPartitions(ds, 'ledger_entries');
    await partitions.ensure(['2026-11-30T23:59:59.999Z', '2026-12-01T00:00:00Z']);
    await partitions.ensure(['2026-11-02T00:00:00Z']);
    expect(created).toEqual(['ledger_entries_p202611', 'ledger_entries_p202612']);
  });

  it('checks again after forget, since a rebuild swap may have dropped a partition it made', async () => {
    const { ds, created } = recording();
    const partitions = new MonthPartitions(ds, 'ledger_entries');
    await partitions.ensure(['2026-12-01T00:00:00Z']);
    partitions.forget();
    await partitions.ensure(['2026-12-01T00:00:00Z']);
    expect(created).toEqual(['ledger_entries_p202612', 'ledger_entries_p202612']);
  });
});
