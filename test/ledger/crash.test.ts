import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEvent } from '@kt/contracts';
import { freePort, startPostgres, type RunningPostgres } from '@kt/local-infra';
import {
  asMessage,
  createDatabase,
  createTopics,
  eventually,
  LedgerUnderTest,
  produce,
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

  it('counts every event exactly once across ten kill -9 of the ledger during a load', async () => {
    const run = newRun();
    const topic = `kt-test-ledger-${run}.route-events`;
    const opts = { databaseUrl: db.url, topic, deadLetterTopic: `${topic}.dl`, group: `kt-ledger-${run}` };
    await createTopics(kafka, [topic, opts.deadLetterTopic]);
    const events: RouteEvent[] = [];
    let ledger = await LedgerUnderTest.start(opts);
    for (let round = 0; round < 10; round += 1) {
      const wave = Array.from({ length: 1_500 }, (_, i) => syntheticEvent(round * 1_500 + i, run));
      events.push(...wave);
      const producing = produce(kafka, topic, wave.map(asMessage));
      // Kill at a random moment while this wave is being produced and consumed.
      await sleep(50 + Math.floor(Math.random() * 600));
      await ledger.kill9();
      await producing;
      ledger = await LedgerUnderTest.start(opts, ledger.port);
    }
    const want = truthBy(events, byProvider);
    const got = await eventually(
      () => ledger.totals('provider'),
      (t) => JSON.stringify(t) === JSON.stringify(want),
      60_000,
    );
    await ledger.stop();
    expect(got).toEqual(want);
  }, 240_000);

  it('loses and doubles nothing when its database restarts mid-stream', async () => {
    const run = newRun();
    const topic = `kt-test-ledger-${run}.route-events`;
    const port = await freePort(55400 + Math.floor(Math.random() * 500));
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
