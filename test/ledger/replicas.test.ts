import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEvent } from '@kt/contracts';
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

// Two ledger replicas in one consumer group (as the k8s manifests run them): a rebuild asked of one
// swaps fresh tables in while the other keeps projecting, and nothing may be lost or counted twice.
const run = randomUUID().slice(0, 8);
const topic = `kt-test-replicas-${run}.route-events`;
const deadLetterTopic = `kt-test-replicas-${run}.dead-letter`;
const group = `kt-ledger-${run}`;
const kafka = testKafka();
let db: Awaited<ReturnType<typeof createDatabase>>;
const replicas: LedgerUnderTest[] = [];

beforeAll(async () => {
  db = await createDatabase('kt_ledger_replicas');
  await createTopics(kafka, [topic, deadLetterTopic]);
  for (let i = 0; i < 2; i++) {
    replicas.push(await LedgerUnderTest.start({ databaseUrl: db.url, topic, deadLetterTopic, group }));
  }
});

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await db?.drop();
});

async function kt(url: string, ...args: string[]): Promise<{ status: number | null; out: string }> {
  const child = spawn(process.execPath, ['bin/kt.js', 'ledger', ...args, '--url', url], {
    env: { ...process.env, KT_LEDGER_TOKEN: TEST_LEDGER_ADMIN_TOKEN },
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const [status] = (await once(child, 'exit')) as [number | null];
  return { status, out };
}

describe('ledger replicas', () => {
  it('loses nothing when one replica rebuilds while the other keeps projecting', async () => {
    const [first, second] = replicas as [LedgerUnderTest, LedgerUnderTest];
    const events: RouteEvent[] = Array.from({ length: 3_000 }, (_, n) => syntheticEvent(n, run));
    await produce(kafka, topic, events.map(asMessage));
    const initial = truthBy(events, (e) => e.served?.provider ?? '');
    expect(
      await eventually(
        () => first.totals('provider'),
        (t) => eq(t, initial),
        30_000,
      ),
    ).toEqual(initial);

    // Traffic keeps arriving during the rebuild, on every partition, so the replica that is not
    // rebuilding applies some of it between the rebuild's snapshot and its table swap.
    let producing = true;
    const trickle = (async () => {
      for (let n = events.length; producing; n += 20) {
        const batch = Array.from({ length: 20 }, (_, k) => syntheticEvent(n + k, run));
        events.push(...batch);
        await produce(kafka, topic, batch.map(asMessage));
        await sleep(25);
      }
    })();
    await sleep(500);
    const rebuild = await kt(first.url, 'rebuild');
    await sleep(500);
    producing = false;
    await trickle;
    expect(rebuild.out).toMatch(/done, \d+ events/);
    expect(rebuild.status).toBe(0);

    const want = truthBy(events, (e) => e.served?.provider ?? '');
    const got = await eventually(
      () => second.totals('provider'),
      (t) => eq(t, want),
      30_000,
    );
    expect(got).toEqual(want);
    const [entries] = await sql<{ n: string }>(db.url, 'SELECT count(*) AS n FROM ledger_entries');
    expect(entries?.n).toBe(String(events.length));
    const verify = await kt(second.url, 'verify');
    expect(verify.out).toMatch(new RegExp(`verify: equal — ${events.length} events`));
    expect(verify.status).toBe(0);
  }, 120_000);
});

const eq = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
