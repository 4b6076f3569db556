import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeDeadLetter, type RouteEvent } from '@kt/contracts';
import { startBatchConsumer } from '@kt/bus';
import {
  asMessage,
  createDatabase,
  createTopics,
  eventually,
  LedgerUnderTest,
  produce,
  sql,
  syntheticEvent,
  testKafka,
  truthBy,
} from './ledger.fixture.js';
import { TEST_LEDGER_ADMIN_TOKEN } from '../support/service.credentials.js';

const run = randomUUID().slice(0, 8);
const topic = `kt-test-ledger-${run}.route-events`;
const deadLetterTopic = `kt-test-ledger-${run}.dead-letter`;
const kafka = testKafka();
let db: Awaited<ReturnType<typeof createDatabase>>;
let ledger: LedgerUnderTest;
const events: RouteEvent[] = Array.from({ length: 3_000 }, (_, n) => priced(syntheticEvent(n, run), n));

/** Some of the traffic unpriced, estimated or rejected, so the rollup's flag columns are exercised. */
function priced(e: RouteEvent, n: number): RouteEvent {
  if (n % 13 === 0)
    return {
      ...e,
      type: 'route.rejected',
      served: null,
      attempts: [],
      status: 429,
      error_code: 'budget_exceeded',
      usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
      cost: { micro_usd: '0', currency: 'USD', priced_by: 'unpriced' },
    } as RouteEvent;
  if (n % 7 === 0) return { ...e, cost: { micro_usd: '0', currency: 'USD', priced_by: 'unpriced' } };
  if (n % 11 === 0) return { ...e, cost: { ...e.cost, priced_by: 'estimate' } };
  return e;
}

/** The four flags over all events, as the rollup must hold them. */
function flagTruth(list: readonly RouteEvent[]): Record<string, string> {
  const tokens = (e: RouteEvent) => e.usage.input_tokens + e.usage.output_tokens;
  const unpriced = list.filter((e) => e.cost.priced_by === 'unpriced' && tokens(e) > 0);
  return {
    unpriced_requests: String(unpriced.length),
    unpriced_tokens: String(unpriced.reduce((n, e) => n + tokens(e), 0)),
    estimated_requests: String(list.filter((e) => e.cost.priced_by === 'estimate').length),
    rejected_requests: String(list.filter((e) => e.type === 'route.rejected').length),
  };
}

const FLAG_SUMS = `SELECT sum(unpriced_requests)::text AS unpriced_requests,
  sum(unpriced_tokens)::text AS unpriced_tokens, sum(estimated_requests)::text AS estimated_requests,
  sum(rejected_requests)::text AS rejected_requests FROM spend_hourly`;
const FLAG_ROWS = `SELECT hour, provider, target, "group", model, team, key_id, unpriced_requests::text,
  unpriced_tokens::text, estimated_requests::text, rejected_requests::text
  FROM spend_hourly ORDER BY 1, 2, 3, 4, 5, 6, 7`;

const kt = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/kt.js', 'ledger', ...args, '--url', ledger.url], {
    encoding: 'utf8',
    env: { ...process.env, KT_LEDGER_TOKEN: TEST_LEDGER_ADMIN_TOKEN },
  });

beforeAll(async () => {
  db = await createDatabase('kt_ledger_proj');
  await createTopics(kafka, [topic, deadLetterTopic]);
  ledger = await LedgerUnderTest.start({
    databaseUrl: db.url,
    topic,
    deadLetterTopic,
    group: `kt-ledger-${run}`,
  });
});

afterAll(async () => {
  await ledger?.stop();
  await db?.drop();
});

describe('ledger projection', () => {
  it('projects every event once: totals per provider, team and key equal the events, duplicates ignored', async () => {
    // Each event twice: the second delivery of an event id must not count.
    await produce(kafka, topic, [...events, ...events.slice(0, 500)].map(asMessage));
    const want = truthBy(events, (e) => e.served?.provider ?? '');
    const got = await eventually(
      () => ledger.totals('provider'),
      (t) => JSON.stringify(t) === JSON.stringify(want),
      30_000,
    );
    expect(got).toEqual(want);
    expect(await ledger.totals('team')).toEqual(truthBy(events, (e) => e.caller?.team ?? ''));
    expect(await ledger.totals('key')).toEqual(truthBy(events, (e) => e.caller?.key_id ?? ''));
    const [entries] = await sql<{ n: string }>(db.url, 'SELECT count(*) AS n FROM ledger_entries');
    expect(entries?.n).toBe(String(events.length));
    // The projection's statement counts unpriced (with tokens), estimated and rejected requests.
    const flags = flagTruth(events);
    expect(Number(flags.unpriced_requests)).toBeGreaterThan(0);
    expect(await sql(db.url, FLAG_SUMS)).toEqual([flags]);
    // The rollups summed in SQL equal the in-memory fold of the topic, every column of every row.
    const verify = kt('verify');
    expect(verify.stdout).toMatch(/verify: equal — 3000 events/);
    expect(verify.status).toBe(0);
  });

  it('stores entries in monthly partitions of ledger_entries', async () => {
    const parts = await sql<{ name: string }>(
      db.url,
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'ledger_entries'::regclass ORDER BY 1`,
    );
    expect(parts.map((p) => p.name)).toEqual([
      'ledger_entries_p202501',
      'ledger_entries_p202502',
      'ledger_entries_p202503',
    ]);
  });

  it('dead-letters invalid JSON, unknown schemas and text PostgreSQL cannot store, and keeps consuming', async () => {
    const next = syntheticEvent(10_001, run);
    // Each of the last two decoded once, then stalled the projection for ever: Postgres refused the batch.
    const withNul = { ...syntheticEvent(10_002, run), requested_model: 'a\u0000b' };
    const noSuchDay = { ...syntheticEvent(10_003, run), occurred_at: '2025-02-31T00:00:00Z' };
    await produce(kafka, topic, [
      { key: 'bad-json', value: Buffer.from('{not json') },
      { key: 'bad-schema', value: Buffer.from(JSON.stringify({ ...next, schema: 'kt.route.v9' })) },
      { key: 'bad-nul', value: Buffer.from(JSON.stringify(withNul)) },
      { key: 'bad-day', value: Buffer.from(JSON.stringify(noSuchDay)) },
      asMessage(next),
    ]);
    const letters: { key: string | null; reason: string }[] = [];
    const consumer = await startBatchConsumer(kafka, {
      groupId: `kt-test-dl-${run}`,
      topics: [deadLetterTopic],
      fromBeginning: true,
      handleBatch: async ({ batch, resolveOffset }) => {
        for (const m of batch.messages) {
          const d = decodeDeadLetter(m.value ?? Buffer.alloc(0));
          if (d.ok) letters.push({ key: d.value.key, reason: d.value.reason });
          resolveOffset(m.offset);
        }
      },
    });
    await eventually(
      () => Promise.resolve(letters.length),
      (n) => n >= 4,
      20_000,
    );
    await consumer.stop();
    expect(letters.map((l) => l.key).sort()).toEqual(['bad-day', 'bad-json', 'bad-nul', 'bad-schema']);
    expect(letters.find((l) => l.key === 'bad-nul')?.reason).toMatch(/^requested_model: .*U\+0000/);
    expect(letters.find((l) => l.key === 'bad-day')?.reason).toMatch(/^occurred_at: /);
    expect(letters.find((l) => l.key === 'bad-json')?.reason).toMatch(/JSON/i);
    expect(letters.find((l) => l.key === 'bad-schema')?.reason).toMatch(/kt\.route\.v9/);
    const totals = await eventually(
      () => ledger.totals('provider'),
      (t) => sumRequests(t) === events.length + 1,
      20_000,
    );
    expect(sumRequests(totals)).toBe(events.length + 1);
  });

  it('rebuilds from offset 0 and then verifies equal, to the micro-dollar', async () => {
    const before = await ledger.totals('key');
    const flagRows = await sql(db.url, FLAG_ROWS);
    const rebuild = kt('rebuild');
    expect(rebuild.stderr).toBe('');
    expect(rebuild.stdout).toMatch(/done, 3001 events/);
    expect(rebuild.status).toBe(0);
    expect(await ledger.totals('key')).toEqual(before);
    // The rebuild's fold writes the same flag columns, row for row, as the live projection did.
    expect(await sql(db.url, FLAG_ROWS)).toEqual(flagRows);
    expect(await sql(db.url, FLAG_SUMS)).toEqual([flagTruth(events)]);
    const verify = kt('verify');
    expect(verify.stdout).toMatch(/verify: equal — 3001 events/);
    expect(verify.status).toBe(0);
  });

  it('fails verify naming the row and column after a rollup row is tampered with', async () => {
    await sql(
      db.url,
      `UPDATE spend_hourly SET cost_micro_usd = cost_micro_usd + 1
        WHERE ctid = (SELECT min(ctid) FROM spend_hourly WHERE provider <> '')`,
    );
    const verify = kt('verify');
    expect(verify.status).toBe(1);
    expect(verify.stderr).toMatch(/1 difference\(s\)/);
    expect(verify.stderr).toMatch(/hour=\S+ provider=\S+ .* cost_micro_usd expected (\d+) got \d+/);
    // A rebuild repairs it.
    expect(kt('rebuild').status).toBe(0);
    expect(kt('verify').status).toBe(0);
  });

  it('fails verify naming a price flag column that differs from the topic', async () => {
    await sql(
      db.url,
      `UPDATE spend_hourly SET unpriced_tokens = unpriced_tokens + 1
        WHERE ctid = (SELECT min(ctid) FROM spend_hourly WHERE unpriced_requests > 0)`,
    );
    const verify = kt('verify');
    expect(verify.status).toBe(1);
    expect(verify.stderr).toMatch(/hour=\S+ provider=\S+ .* unpriced_tokens expected (\d+) got \d+/);
    expect(kt('rebuild').status).toBe(0);
    expect(kt('verify').status).toBe(0);
  });
});

function sumRequests(totals: Record<string, string>): number {
  return Object.values(totals).reduce((n, v) => n + Number(v.split('/')[0]), 0);
}
