// A recreated topic that has already grown past the old checkpoints passes the log-end check; only
// its topic id tells. When that id cannot be read, the ledger must wait, loudly, not consume.
// Real broker, real PostgreSQL, real ledger processes; the lookup is broken by a test-only preload
// (test/support/kafkajs.without-cluster.mjs), as a kafkajs upgrade that moved its internals would.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEvent } from '@kt/contracts';
import { ledgerAuth, TEST_LEDGER_ADMIN_TOKEN, TEST_LEDGER_TOKENS } from '../support/service.credentials.js';
import {
  asMessage,
  createDatabase,
  createTopics,
  eventually,
  LedgerUnderTest,
  produce,
  syntheticEvent,
  recreateTopic,
  testKafka,
} from './ledger.fixture.js';

const run = randomUUID().slice(0, 8);
const topic = `kt-test-identity-${run}.route-events`;
const deadLetterTopic = `kt-test-identity-${run}.dead-letter`;
const group = `kt-ledger-${run}`;
const kafka = testKafka();
const BROKEN_LOOKUP = { NODE_OPTIONS: `--import ${resolve('test/support/kafkajs.without-cluster.mjs')}` };
let db: Awaited<ReturnType<typeof createDatabase>>;
let ledger: LedgerUnderTest | undefined;
let n = 0;
const next = (): RouteEvent => syntheticEvent(n++, run);

const startLedger = (env: Record<string, string> = {}) =>
  LedgerUnderTest.start({
    databaseUrl: db.url,
    topic,
    deadLetterTopic,
    group,
    env: { LEDGER_TOKENS: TEST_LEDGER_TOKENS, ...env },
  });

const kt = (url: string, ...args: string[]) =>
  spawnSync(
    process.execPath,
    ['bin/kt.js', 'ledger', ...args, '--url', url, '--token', TEST_LEDGER_ADMIN_TOKEN],
    { encoding: 'utf8', env: { PATH: process.env.PATH, KT_CONFIG_DIR: '/nonexistent-kt-profile' } },
  );

async function requests(url: string): Promise<number> {
  const res = await fetch(`${url}/v1/ledger/totals?by=provider`, { headers: ledgerAuth('finance') });
  if (!res.ok) throw new Error(`totals: ${res.status}`);
  const body = (await res.json()) as { rows: { requests: string }[] };
  return body.rows.reduce((sum, r) => sum + Number(r.requests), 0);
}

interface Readiness {
  readonly status: number;
  readonly body: { checks: Record<string, boolean>; reasons?: Record<string, string> };
}
const readiness = (url: string): Promise<Readiness> =>
  fetch(`${url}/readyz`).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as Readiness['body'],
  }));

/** A gauge's series for this test's topic (other labels, like `service`, in any order). */
const series = (name: string, value: 0 | 1): RegExp =>
  new RegExp(`^${name}\\{[^}]*topic="${topic.replaceAll('.', '\\.')}"[^}]*\\} ${value}$`, 'm');

beforeAll(async () => {
  db = await createDatabase('kt_ledger_ident');
  await createTopics(kafka, [topic, deadLetterTopic], 1);
});

afterAll(async () => {
  await ledger?.stop();
  await db?.drop();
});

describe('a recreated topic is never skipped silently, even when its id cannot be read', () => {
  it('waits (readyz, metric, log, verify) instead of consuming, and sees the new id once it reads again', async () => {
    ledger = await startLedger();
    await produce(kafka, topic, [next(), next(), next()].map(asMessage));
    expect(
      await eventually(
        () => requests(ledger!.url),
        (r) => r === 3,
        30_000,
      ),
    ).toBe(3);
    await ledger.stop();
    // The new log already reaches past the checkpoint (3): its ends alone look like the old log's.
    await recreateTopic(kafka, topic);
    await produce(kafka, topic, [next(), next(), next(), next(), next()].map(asMessage));

    ledger = await startLedger(BROKEN_LOOKUP);
    const url = ledger.url;
    const waiting = await eventually(
      () => readiness(url),
      (r) => r.status === 503,
      30_000,
    );
    expect(waiting.body.checks.projection_log_matches_checkpoints).toBe(false);
    expect(waiting.body.reasons?.projection_log_matches_checkpoints).toMatch(
      /^cannot confirm the log is the one checkpointed: the id of topic .* cannot be read/,
    );
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(series('kt_ledger_log_unconfirmed', 1));
    expect(metrics).toMatch(series('kt_ledger_log_mismatch', 0));
    expect(ledger.logs.join('')).toMatch(
      /cannot confirm the log is the one checkpointed.*retrying with backoff/,
    );
    // Offsets 0..2 of the new log were not skipped as "already applied", 3..4 not applied onto them.
    await sleep(3_000);
    expect(await requests(url)).toBe(3);
    const verify = kt(url, 'verify', '--timeout', '10');
    expect(verify.status).toBe(1);
    expect(verify.stderr).toMatch(/NOT accounted — cannot confirm the log is the one checkpointed/);
    expect(JSON.parse(kt(url, 'verify', '--json').stdout)).toMatchObject({ accounted: false });
    await ledger.stop();

    // With the id readable again the new id is seen: stopped until `kt ledger rebuild`.
    ledger = await startLedger();
    const url2 = ledger.url;
    const stopped = await eventually(
      () => readiness(url2),
      (r) => r.status === 503,
      30_000,
    );
    expect(stopped.body.checks.projection_log_matches_checkpoints).toBe(false);
    expect(ledger.logs.join('')).toMatch(/taken on id .*kt ledger rebuild/);
    expect(await (await fetch(`${url2}/metrics`)).text()).toMatch(series('kt_ledger_log_unconfirmed', 0));
    expect(await requests(url2)).toBe(3);
  }, 180_000);
});
