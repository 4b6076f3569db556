import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEvent } from '@kt/contracts';
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
import { waitForLog } from '../support/log.wait.js';
import { TEST_LEDGER_ADMIN_TOKEN } from '../support/service.credentials.js';
import { kafkaAdmin } from '../support/kafka.client.js';

// An operator capped route-event retention: the topic no longer starts at offset 0. A fresh
// ledger must project what remains instead of seeking back to 0 forever.
const run = randomUUID().slice(0, 8);
const topic = `kt-test-retention-${run}.route-events`;
const deadLetterTopic = `kt-test-retention-${run}.dead-letter`;
const kafka = testKafka();
let db: Awaited<ReturnType<typeof createDatabase>>;
let ledger: LedgerUnderTest | undefined;

beforeAll(async () => {
  db = await createDatabase('kt_ledger_retention');
  await createTopics(kafka, [topic, deadLetterTopic], 2);
});

afterAll(async () => {
  await ledger?.stop();
  await db?.drop();
});

describe('ledger on a topic whose head was deleted by retention', () => {
  it('projects the records that remain, from the log start offset', async () => {
    // Partition 0 keeps records 120..199; partition 1 (quiet longer than the retention) keeps none.
    const events: RouteEvent[] = Array.from({ length: 250 }, (_, n) => syntheticEvent(n, run));
    await produce(
      kafka,
      topic,
      events.map((e, n) => ({ ...asMessage(e), partition: n < 200 ? 0 : 1 })),
    );
    const admin = kafkaAdmin(kafka);
    await admin.connect();
    await admin.fetchTopicMetadata({ topics: [topic] }); // deleteTopicRecords needs the leaders known
    await admin.deleteTopicRecords({
      topic,
      partitions: [
        { partition: 0, offset: '120' },
        { partition: 1, offset: '50' },
      ],
    });
    await admin.disconnect();

    ledger = await LedgerUnderTest.start({
      databaseUrl: db.url,
      topic,
      deadLetterTopic,
      group: `kt-ledger-${run}`,
    });
    const want = truthBy(events.slice(120, 200), (e) => e.served?.provider ?? '');
    const got = await eventually(
      () => ledger!.totals('provider'),
      (t) => JSON.stringify(t) === JSON.stringify(want),
      30_000,
    );
    expect(got).toEqual(want);
    const lost = /records 0\.\.119 are no longer in the topic \(retention\)/;
    expect(await waitForLog(() => ledger!.logs.join(''), lost)).toMatch(lost);
  }, 90_000);

  it('rebuilds and verifies a topic with a partition retention emptied, instead of waiting for it for ever', () => {
    const kt = (command: string) =>
      spawnSync(process.execPath, ['bin/kt.js', 'ledger', command, '--url', ledger!.url], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, KT_LEDGER_TOKEN: TEST_LEDGER_ADMIN_TOKEN },
      });
    const rebuild = kt('rebuild');
    expect([rebuild.status, rebuild.stdout]).toEqual([0, expect.stringMatching(/done, 80 events/)]);
    const verify = kt('verify');
    expect([verify.status, verify.stdout]).toEqual([0, expect.stringMatching(/verify: equal — 80 events/)]);
  }, 150_000);
});
