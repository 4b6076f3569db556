import { createDataSource } from '@kt/persistence';
import type { RouteEvent } from '@kt/contracts';
import { MonthPartitions } from '../../apps/ledger/src/projection/month.partitions.js';
import type { LedgerTables } from '@kt/spend';
import { applySlice } from '../../apps/ledger/src/projection/spend.applier.js';
import { freshTables } from '../../apps/ledger/src/rebuild/table.swap.js';

const TABLES: LedgerTables = {
  entries: 'bench_entries',
  rollup: 'bench_spend_hourly',
  offsets: 'bench_offsets',
};

/** The ledger's own SQL without Kafka or decoding: events/s Postgres takes on this box. */
export async function dbOnlyEventsPerSec(
  url: string,
  events: readonly RouteEvent[],
  chunk = 8_000,
): Promise<number> {
  const ds = createDataSource({ url });
  await ds.initialize();
  try {
    await ds.transaction((em) => freshTables(em, TABLES));
    const partitions = new MonthPartitions(ds, TABLES.entries);
    const began = Date.now();
    for (let i = 0; i < events.length; i += chunk) {
      const part = events.slice(i, i + chunk);
      await partitions.ensure(part.map((e) => e.occurred_at));
      await ds.transaction((em) =>
        applySlice(em, TABLES, {
          consumer: 'bench',
          topic: 'bench',
          partition: 0,
          offsets: part.map((_, k) => String(i + k)),
          firstOffset: String(i),
          events: part,
          texts: part.map((e) => JSON.stringify(e)),
          nextOffset: String(i + part.length),
        }),
      );
    }
    return events.length / ((Date.now() - began) / 1000);
  } finally {
    await ds.destroy();
  }
}
