import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RouteEvent } from '@kt/contracts';
import { createDataSource, type DataSource } from '@kt/persistence';
import { diffRollups, readSpendRows, rollup, toEntryRow } from '@kt/spend';
import { sampleRouteEvent } from '../support/route-event.fixture.js';
import { LEDGER_MIGRATIONS } from '../../apps/ledger/src/ledger.module.js';
import { RollupPriceFlags1764000000006 } from '../../apps/ledger/src/migrations/1764000000006-rollup-price-flags.migration.js';
import { createDatabase } from './budgets.fixture.js';

async function migrated(url: string, count: number): Promise<DataSource> {
  const ds = createDataSource({ url, migrations: LEDGER_MIGRATIONS.slice(0, count), migrationsRun: true });
  await ds.initialize();
  return ds;
}

const at = (minute: number, hour = 10) =>
  `2026-12-01T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;
const event = (overrides: Partial<RouteEvent>): RouteEvent =>
  ({ ...sampleRouteEvent(), event_id: randomUUID(), ...overrides }) as RouteEvent;
const unpriced = { micro_usd: '0', currency: 'USD', priced_by: 'unpriced' } as const;

/** Booked before the flag columns existed: priced, unpriced (with and without tokens), estimated, rejected. */
const events: RouteEvent[] = [
  event({ occurred_at: at(1) }),
  event({
    occurred_at: at(2),
    cost: unpriced,
    usage: { input_tokens: 40, output_tokens: 2, total_tokens: 42 },
  }),
  event({
    occurred_at: at(3),
    cost: unpriced,
    usage: { input_tokens: 9, output_tokens: 0, total_tokens: 9 },
  }),
  event({ occurred_at: at(4, 11), cost: { micro_usd: '77', currency: 'USD', priced_by: 'estimate' } }),
  event({
    occurred_at: at(5),
    type: 'route.failed',
    served: null,
    status: 499,
    error_code: 'upstream_error',
    cost: unpriced,
    usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
  } as Partial<RouteEvent>),
  event({
    occurred_at: at(6),
    type: 'route.rejected',
    served: null,
    attempts: [],
    status: 429,
    error_code: 'budget_exceeded',
    cost: unpriced,
    usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
  } as Partial<RouteEvent>),
];

describe('the migration that adds the price flags to spend_hourly', () => {
  it('backfills the rows already booked so the rollup equals what a rebuild folds from the entries', async () => {
    const url = await createDatabase();
    const before = await migrated(url, LEDGER_MIGRATIONS.indexOf(RollupPriceFlags1764000000006));
    const rows = events.map(toEntryRow);
    const folded = rollup(rows);
    try {
      await before.query(`CREATE TABLE ledger_entries_p202612 PARTITION OF ledger_entries
        FOR VALUES FROM ('2026-12-01T00:00:00Z') TO ('2027-01-01T00:00:00Z')`);
      for (const [i, r] of rows.entries()) {
        await before.query(
          `INSERT INTO ledger_entries (event_id, request_id, occurred_at, type, status, provider, target,
             "group", model, team, key_id, input_tokens, output_tokens, cost_micro_usd, priced_by, event)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
          [
            r.eventId,
            `${r.requestId}-${i}`,
            r.occurredAt,
            r.type,
            r.status,
            r.provider,
            r.target,
            r.group,
            r.model,
            r.team,
            r.keyId,
            r.inputTokens,
            r.outputTokens,
            r.costMicroUsd.toString(),
            r.pricedBy,
            JSON.stringify(events[i]),
          ],
        );
      }
      // The rollup as the projection wrote it before: spend counters only.
      for (const s of folded) {
        await before.query(
          `INSERT INTO spend_hourly (hour, provider, target, "group", model, team, key_id,
             requests, errors, input_tokens, output_tokens, cost_micro_usd)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [
            s.hour,
            s.provider,
            s.target,
            s.group,
            s.model,
            s.team,
            s.keyId,
            s.requests.toString(),
            s.errors.toString(),
            s.inputTokens.toString(),
            s.outputTokens.toString(),
            s.costMicroUsd.toString(),
          ],
        );
      }
    } finally {
      await before.destroy();
    }

    const after = await migrated(url, LEDGER_MIGRATIONS.length);
    try {
      const live = await readSpendRows(after, 'spend_hourly');
      expect(diffRollups(folded, live)).toEqual([]);
      const sums = live.reduce(
        (s, r) => ({
          unpriced: s.unpriced + r.unpricedRequests,
          tokens: s.tokens + r.unpricedTokens,
          estimated: s.estimated + r.estimatedRequests,
          rejected: s.rejected + r.rejectedRequests,
        }),
        { unpriced: 0n, tokens: 0n, estimated: 0n, rejected: 0n },
      );
      // The failure and the rejection are stamped unpriced but used no tokens: not unpriced traffic.
      expect(sums).toEqual({ unpriced: 2n, tokens: 51n, estimated: 1n, rejected: 1n });
    } finally {
      await after.destroy();
    }
  }, 60_000);
});
