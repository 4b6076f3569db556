// No record can stall the ledger, a log it did not checkpoint stops it loudly, and `kt ledger verify`
// means the whole log is accounted for. Real broker, real PostgreSQL, real ledger processes.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBatchConsumer } from '@kt/bus';
import { decodeDeadLetter, type RouteEvent } from '@kt/contracts';
import { ledgerAuth, TEST_LEDGER_ADMIN_TOKEN, TEST_LEDGER_TOKENS } from '../support/service.credentials.js';
import {
  asMessage,
  createDatabase,
  createTopics,
  eventually,
  LedgerUnderTest,
  produce,
  sql,
  syntheticEvent,
  recreateTopic,
  testKafka,
} from './ledger.fixture.js';

const run = randomUUID().slice(0, 8);
const topic = `kt-test-accounting-${run}.route-events`;
const deadLetterTopic = `kt-test-accounting-${run}.dead-letter`;
const group = `kt-ledger-${run}`;
const kafka = testKafka();
let db: Awaited<ReturnType<typeof createDatabase>>;
let ledger: LedgerUnderTest;
let n = 0;
const next = (): RouteEvent => syntheticEvent(n++, run);

interface Letter {
  readonly key: string | null;
  readonly partition: number;
  readonly offset: string;
  readonly reason: string;
}
const letters: Letter[] = [];
let stopLetters: (() => Promise<void>) | undefined;

const kt = (url: string, ...args: string[]) =>
  spawnSync(
    process.execPath,
    ['bin/kt.js', 'ledger', ...args, '--url', url, '--token', TEST_LEDGER_ADMIN_TOKEN],
    {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, KT_CONFIG_DIR: '/nonexistent-kt-profile' },
    },
  );

const startLedger = (databaseUrl: string, consumerGroup: string, env: Record<string, string> = {}) =>
  LedgerUnderTest.start({
    databaseUrl,
    topic,
    deadLetterTopic,
    group: consumerGroup,
    env: { LEDGER_TOKENS: TEST_LEDGER_TOKENS, ...env },
  });

async function requests(url: string): Promise<number> {
  const res = await fetch(`${url}/v1/ledger/totals?by=provider`, { headers: ledgerAuth('finance') });
  if (!res.ok) throw new Error(`totals: ${res.status}`);
  const body = (await res.json()) as { rows: { requests: string }[] };
  return body.rows.reduce((sum, r) => sum + Number(r.requests), 0);
}

beforeAll(async () => {
  db = await createDatabase('kt_ledger_acct');
  // One partition: "later events on the same partition" are simply the later events.
  await createTopics(kafka, [topic, deadLetterTopic], 1);
  ledger = await startLedger(db.url, group);
  const consumer = await startBatchConsumer(kafka, {
    groupId: `kt-test-dl-${run}`,
    topics: [deadLetterTopic],
    fromBeginning: true,
    handleBatch: async ({ batch, resolveOffset }) => {
      for (const m of batch.messages) {
        const d = decodeDeadLetter(m.value ?? Buffer.alloc(0));
        if (d.ok)
          letters.push({
            key: d.value.key,
            partition: d.value.partition,
            offset: d.value.offset,
            reason: d.value.reason,
          });
        resolveOffset(m.offset);
      }
      await Promise.resolve();
    },
  });
  stopLetters = () => consumer.stop();
});

afterAll(async () => {
  await stopLetters?.();
  await ledger?.stop();
  await db?.drop();
});

describe('no record can stall the ledger', () => {
  it('dead-letters a route event with a 300 KB model, with partition, offset and reason, and applies the later ones', async () => {
    const before = [next(), next()];
    const huge = 'm'.repeat(300 * 1024);
    const poisoned = next();
    const poison = {
      ...poisoned,
      requested_model: huge,
      served: poisoned.served ? { ...poisoned.served, upstream_model: huge } : null,
    } as RouteEvent;
    const after = [next(), next(), next()];
    await produce(kafka, topic, [...before, poison, ...after].map(asMessage));
    const letter = await eventually(
      () => Promise.resolve(letters.find((l) => l.key === poison.request_id)),
      (l) => l !== undefined,
      30_000,
    );
    // The poison is the third record of the only partition: offset 2. Whether the decoder (a capped
    // model) or PostgreSQL (index row too big) refused it, it is dead-lettered with a reason.
    expect(letter).toMatchObject({ partition: 0, offset: '2' });
    expect(letter?.reason.length).toBeGreaterThan(0);
    expect(letter?.reason.length).toBeLessThanOrEqual(1000);
    expect(
      await eventually(
        () => requests(ledger.url),
        (r) => r === 5,
        30_000,
      ),
    ).toBe(5);
    const verify = kt(ledger.url, 'verify', '--timeout', '60');
    expect(verify.stderr).toBe('');
    expect(verify.stdout).toMatch(/verify: equal — 5 events, .*dead-lettered: 1, lag: 0/);
    expect(verify.status).toBe(0);
    const json = kt(ledger.url, 'verify', '--json');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      accounted: true,
      equal: true,
      dead_lettered: 1,
      lag: '0',
    });
  });

  it('dead-letters only the record PostgreSQL refuses (a rollup past int64), and rebuild and verify agree', async () => {
    const base = next();
    // Same hour and dimensions: one rollup row. Each cost fits int64, their sum does not.
    const first = {
      ...base,
      event_id: randomUUID(),
      request_id: `${run}-big-1`,
      cost: { ...base.cost, micro_usd: '5000000000000000000' },
    } as RouteEvent;
    const second = { ...first, event_id: randomUUID(), request_id: `${run}-big-2` } as RouteEvent;
    const later = next();
    await produce(kafka, topic, [first, second, later].map(asMessage));
    const letter = await eventually(
      () => Promise.resolve(letters.find((l) => l.key === second.request_id)),
      (l) => l !== undefined,
      30_000,
    );
    expect(letter).toMatchObject({ partition: 0, offset: '7' });
    expect(letter?.reason).toMatch(/SQLSTATE 22003/);
    expect(letters.some((l) => l.key === first.request_id)).toBe(false);
    expect(
      await eventually(
        () => requests(ledger.url),
        (r) => r === 7,
        30_000,
      ),
    ).toBe(7);
    const [refused] = await sql<{ n: string }>(db.url, 'SELECT count(*) AS n FROM ledger_dead_letters');
    expect(Number(refused?.n)).toBeGreaterThanOrEqual(1);
    const verify = kt(ledger.url, 'verify');
    expect(verify.stdout).toMatch(/verify: equal — 7 events, .*dead-lettered: 2, lag: 0/);
    expect(verify.status).toBe(0);
    const rebuild = kt(ledger.url, 'rebuild');
    expect(rebuild.stdout).toMatch(/done, 7 events from 9 records, dead-lettered: 2/);
    expect(rebuild.status).toBe(0);
    expect(await requests(ledger.url)).toBe(7);
    expect(kt(ledger.url, 'verify').status).toBe(0);
  });
});

describe('kt ledger verify means the whole log is accounted for', () => {
  it('exits non-zero, naming the lag, when the projection has not reached the log end within the timeout', async () => {
    const slow = await createDatabase('kt_ledger_slow');
    // A second ledger whose every batch holds its transaction for a minute: its checkpoint stays behind.
    const behind = await startLedger(slow.url, `kt-ledger-slow-${run}`, { LEDGER_APPLY_DELAY_MS: '60000' });
    try {
      const verify = kt(behind.url, 'verify', '--timeout', '3');
      expect(verify.status).toBe(1);
      expect(verify.stderr).toMatch(
        /verify: NOT accounted — timed out after \d+ s; dead-lettered: \d+, lag: [1-9]/,
      );
      expect(verify.stderr).toMatch(
        /partition 0: checkpoint 0, log end \d+, lag [1-9]\d* \(stuck: not moving\)/,
      );
    } finally {
      await behind.kill9();
      await slow.drop();
    }
  });
});

describe('the ledger notices a log it did not checkpoint', () => {
  it('stops loudly on a recreated topic (readyz, metric, log, verify) and kt ledger rebuild resumes on the new log', async () => {
    const base = await requests(ledger.url);
    await produce(kafka, topic, [next(), next(), next()].map(asMessage));
    expect(
      await eventually(
        () => requests(ledger.url),
        (r) => r === base + 3,
        30_000,
      ),
    ).toBe(base + 3);
    await ledger.stop();
    await recreateTopic(kafka, topic);
    const fresh = [next(), next()];
    await produce(kafka, topic, fresh.map(asMessage));
    ledger = await startLedger(db.url, group);
    const ready = await eventually(
      () =>
        fetch(`${ledger.url}/readyz`).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as { checks: Record<string, boolean> },
        })),
      (r) => r.status === 503,
      30_000,
    );
    expect(ready.status).toBe(503);
    expect(ready.body.checks.projection_log_matches_checkpoints).toBe(false);
    const metrics = await (await fetch(`${ledger.url}/metrics`)).text();
    expect(metrics).toMatch(mismatchSeries(1));
    expect(ledger.logs.join('')).toMatch(/(taken on id|beyond the end).*kt ledger rebuild/);
    // Nothing of the new log was skipped as "already applied", nor applied onto the old checkpoints.
    await sleep(2_000);
    expect(await requests(ledger.url)).toBe(base + 3);
    const verify = kt(ledger.url, 'verify', '--timeout', '10');
    expect(verify.status).toBe(1);
    expect(verify.stderr).toMatch(/NOT accounted — .*kt ledger rebuild/);

    const rebuild = kt(ledger.url, 'rebuild');
    expect(rebuild.stdout).toMatch(/done, 2 events from 2 records/);
    expect(rebuild.status).toBe(0);
    await produce(kafka, topic, [asMessage(next())]);
    expect(
      await eventually(
        () => requests(ledger.url),
        (r) => r === 3,
        30_000,
      ),
    ).toBe(3);
    expect((await fetch(`${ledger.url}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${ledger.url}/metrics`)).text()).toMatch(mismatchSeries(0));
    const after = kt(ledger.url, 'verify');
    expect(after.stdout).toMatch(/verify: equal — 3 events, .*dead-lettered: 0, lag: 0/);
    expect(after.status).toBe(0);
  }, 240_000);
});

/** The mismatch gauge's series for this test's topic (other labels, like `service`, in any order). */
function mismatchSeries(value: 0 | 1): RegExp {
  return new RegExp(
    `^kt_ledger_log_mismatch\\{[^}]*topic="${topic.replaceAll('.', '\\.')}"[^}]*\\} ${value}$`,
    'm',
  );
}
