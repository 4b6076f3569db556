import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEvent } from '@kt/contracts';
import { startPostgres, type RunningPostgres } from '@kt/local-infra';
import { listenPort } from '../support/listen.port.js';
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

const kafka = testKafka();
const byProvider = (e: RouteEvent): string => e.served?.provider ?? '';
const newRun = () => randomUUID().slice(0, 8);

describe('ledger under crashes', () => {
  let db: Awaited<ReturnType<typeof createDatabase>>;
  beforeAll(async () => {
    db = await createDatabase('kt_ledger_crash');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('counts every event exactly once across ten kill -9 of the ledger, half of them aimed mid-batch', async () => {
    const run = newRun();
    const topic = `kt-test-ledger-${run}.route-events`;
    const opts = {
      databaseUrl: db.url,
      topic,
      deadLetterTopic: `${topic}.dl`,
      group: `kt-ledger-${run}`,
      // Fault injection: every batch transaction stays open 250 ms before COMMIT, a window to kill in.
      env: { LEDGER_APPLY_DELAY_MS: '250' },
    };
    await createTopics(kafka, [topic, opts.deadLetterTopic]);
    const events: RouteEvent[] = [];
    const midBatch: OpenBatch[] = [];
    let ledger = await LedgerUnderTest.start(opts);
    for (let round = 0; round < 10; round += 1) {
      const wave = Array.from({ length: 1_500 }, (_, i) => syntheticEvent(round * 1_500 + i, run));
      events.push(...wave);
      const producing = produce(kafka, topic, wave.map(asMessage));
      if (round % 2 === 0) {
        // Aimed: kill while Postgres shows a batch with all its writes done and no COMMIT yet.
        // Up to 60 s: a restarted ledger rejoins its group only after the killed member's 30 s session.
        const open = await openBatch(db.url, 60_000);
        await ledger.kill9();
        if (open) midBatch.push(open);
      } else {
        // Random: kill at any moment while this wave is being produced and consumed.
        await sleep(50 + Math.floor(Math.random() * 600));
        await ledger.kill9();
      }
      await producing;
      ledger = await LedgerUnderTest.start(opts, ledger.port);
    }
    const want = truthBy(events, byProvider);
    const got = await eventually(
      () => ledger.totals('provider'),
      (t) => JSON.stringify(t) === JSON.stringify(want),
      90_000,
    );
    await ledger.stop();
    expect(got).toEqual(want);
    // The proof that kills landed between consuming and committing: those transactions never committed.
    const fates = await Promise.all(midBatch.map((b) => fate(db.url, b.xid)));
    console.info(`[crash] transactions open at the aimed kills ended: ${fates.join(', ')}`);
    expect(fates.filter((f) => f === 'aborted').length).toBeGreaterThanOrEqual(3);
    expect(fates).not.toContain('in progress');
  }, 480_000);

  it('loses and doubles nothing when its database restarts mid-stream', async () => {
    const run = newRun();
    const topic = `kt-test-ledger-${run}.route-events`;
    const port = await listenPort();
    let pg: RunningPostgres = await startPostgres({ port, fresh: true, database: 'ledger' });
    const opts = { databaseUrl: pg.url, topic, deadLetterTopic: `${topic}.dl`, group: `kt-ledger-${run}` };
    await createTopics(kafka, [topic, opts.deadLetterTopic]);
    const ledger = await LedgerUnderTest.start(opts);
    try {
      const events = Array.from({ length: 6_000 }, (_, i) => syntheticEvent(i, run));
      await produce(kafka, topic, events.slice(0, 3_000).map(asMessage));
      await eventually(
        () => ledger.totals('provider'),
        (t) => Object.keys(t).length > 0,
        20_000,
      );
      await pg.stop();
      // These arrive while the database is down: the ledger must retry them, never skip them.
      await produce(kafka, topic, events.slice(3_000).map(asMessage));
      await sleep(3_000);
      pg = await startPostgres({ port, database: 'ledger' });
      const want = truthBy(events, byProvider);
      const got = await eventually(
        () => ledger.totals('provider'),
        (t) => JSON.stringify(t) === JSON.stringify(want),
        60_000,
      );
      expect(got).toEqual(want);
    } finally {
      await ledger.stop();
      await pg.stop();
    }
  }, 180_000);
});

interface OpenBatch {
  readonly pid: number;
  readonly xid: string;
}

/** Polls `pg_stat_activity` for a ledger batch transaction that has written and not committed yet. */
async function openBatch(url: string, timeoutMs: number): Promise<OpenBatch | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = await sql<{ pid: number; xid: string }>(
      url,
      `SELECT pid, backend_xid::text AS xid FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'kt-ledger'
          AND state = 'idle in transaction' AND backend_xid IS NOT NULL
          AND query LIKE 'UPDATE ledger_offsets SET next_offset%' LIMIT 1`,
    );
    if (row) return row;
    await sleep(5);
  }
  return undefined;
}

/** `committed`, `aborted` or `in progress` for a 32-bit xid, once its backend has gone (epoch-adjusted). */
async function fate(url: string, xid: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const [row] = await sql<{ status: string }>(
      url,
      `WITH cur AS (SELECT pg_current_xact_id()::text::numeric AS x),
            full_id AS (SELECT floor(x / 4294967296) * 4294967296 + $1::numeric AS f, x FROM cur)
       SELECT pg_xact_status((CASE WHEN f > x THEN f - 4294967296 ELSE f END)::text::xid8) AS status
         FROM full_id`,
      [xid],
    );
    const status = row?.status ?? 'unknown';
    if (status !== 'in progress' || Date.now() > deadline) return status;
    await sleep(100);
  }
}
