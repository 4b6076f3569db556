import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthRange, partitionName } from '@kt/spend';
import { sql } from '../ledger/ledger.fixture.js';
import { startReportingStack, type ReportingStack } from './reporting.fixture.js';

const ROWS = 100_000;
let stack: ReportingStack;

beforeAll(async () => {
  stack = await startReportingStack();
  const [from, to] = monthRange('2026-09-01T00:00:00.000Z');
  await sql(
    stack.adminDatabaseUrl,
    `CREATE TABLE IF NOT EXISTS ${partitionName('ledger_entries', from)} PARTITION OF ledger_entries FOR VALUES FROM ('${from}') TO ('${to}')`,
  );
  await sql(
    stack.adminDatabaseUrl,
    `INSERT INTO ledger_entries (event_id, request_id, occurred_at, type, status, provider, target, "group", model,
       team, key_id, input_tokens, output_tokens, cost_micro_usd, priced_by, event)
     SELECT gen_random_uuid(), 'req-' || g, timestamptz '2026-09-01T00:00:00Z' + g * interval '1 second',
            'route.completed', 200, 'openai', 'openai-main', 'chat', 'm', 't', 'k', 10, 5, 1234, 'catalog',
            json_build_object('attempts', json_build_array(), 'padding', repeat('x', 400))
       FROM generate_series(1, ${ROWS}) AS g`,
  );
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('an export the client abandons', () => {
  it('gives its database connection back: more abandoned exports than the pool holds leave the API answering', async () => {
    for (let i = 0; i < 12; i += 1) {
      const abort = new AbortController();
      const res = await fetch(
        `${stack.reportingUrl}/v1/events/export?format=ndjson&since=2026-09-01T00:00:00Z&until=2026-10-01T00:00:00Z`,
        { headers: { authorization: `Bearer ${stack.financeToken}` }, signal: abort.signal },
      );
      const reader = res.body!.getReader();
      await reader.read();
      abort.abort();
      await reader.cancel().catch(() => undefined);
    }
    const started = Date.now();
    const res = await fetch(`${stack.reportingUrl}/v1/spend?since=1d`, {
      headers: { authorization: `Bearer ${stack.financeToken}` },
      signal: AbortSignal.timeout(10_000),
    });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(10_000);
    // No cursor is left open on the server either: the last abandoned export's is closed as its
    // abort is noticed, which on a loaded machine can trail the spend answer by a moment.
    const openCursors = (): Promise<{ n: number }[]> =>
      sql<{ n: number }>(
        stack.adminDatabaseUrl,
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'kt-reporting' AND query LIKE '%FROM ledger_entries%' AND state <> 'idle'`,
      );
    const deadline = Date.now() + 10_000;
    let open = await openCursors();
    while (open[0]?.n !== 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      open = await openCursors();
    }
    expect(open).toEqual([{ n: 0 }]);
  }, 120_000);
});
