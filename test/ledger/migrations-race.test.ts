import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, createTopics, LedgerUnderTest, sql, testKafka } from './ledger.fixture.js';

// Replicas of a fresh install start together (a Deployment of 2-3): exactly one runs the
// migrations while the others wait for it, and every replica comes up.
const run = randomUUID().slice(0, 8);
const topic = `kt-test-migrate-${run}.route-events`;
const deadLetterTopic = `kt-test-migrate-${run}.dead-letter`;
const started: LedgerUnderTest[] = [];
let db: Awaited<ReturnType<typeof createDatabase>> | undefined;

afterAll(async () => {
  await Promise.all(started.map((l) => l.stop()));
  await db?.drop();
});

describe('ledger migrations', () => {
  it('lets three replicas start at once on an empty database', async () => {
    db = await createDatabase('kt_ledger_migrate');
    await createTopics(testKafka(), [topic, deadLetterTopic]);
    const url = db.url;
    const results = await Promise.allSettled(
      [0, 1, 2].map(() =>
        LedgerUnderTest.start({ databaseUrl: url, topic, deadLetterTopic, group: `kt-ledger-${run}` }),
      ),
    );
    for (const r of results) if (r.status === 'fulfilled') started.push(r.value);
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason).slice(0, 400) : 'up'))).toEqual([
      'up',
      'up',
      'up',
    ]);
    const applied = await sql<{ name: string }>(url, 'SELECT name FROM kt_migrations ORDER BY id');
    expect(new Set(applied.map((m) => m.name)).size).toBe(applied.length);
  }, 120_000);
});
