import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafka, createProducer } from '@kt/bus';
import { BUDGET_EVENTS_TOPIC, BUDGET_SCHEMA, encodeEvent, type BudgetEvent } from '@kt/contracts';
import { until } from '../gateway/budget-leases.fixture.js';
import { kafkaBrokers } from '../setup/infra.js';
import { ledgerAuth } from '../support/service.credentials.js';
import { ENTRY_FLAG_SUMS_SQL, FLAG_COLUMNS } from '@kt/spend';
import {
  createDatabase,
  ensureBudgetTopics,
  kt,
  list,
  post,
  startLedger,
  TestClock,
  type LedgerUnderTest,
} from './budgets.fixture.js';
import { nonWarningLines } from '../support/cli.stderr.js';
import { SEED_OPENAI_BUDGET } from '../support/seed.commands.js';

const SEED = SEED_OPENAI_BUDGET;

describe('budgets are idempotent by scope, period and action', () => {
  const clock = new TestClock();
  let ledger: LedgerUnderTest;
  const team = `team-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    await ensureBudgetTopics();
    ledger = await startLedger(await createDatabase(), clock);
  }, 120_000);

  afterAll(async () => {
    await ledger?.close();
  });

  const seedBudgets = async () =>
    (await list(ledger)).filter(
      (b) =>
        b.scope.kind === 'provider' &&
        b.scope.value === 'openai' &&
        b.period === 'monthly' &&
        b.action === 'block',
    );

  it('leaves one budget when the seed’s provider-budget command runs twice', async () => {
    const first = await kt(ledger.url, ...SEED);
    expect(first.code).toBe(0);
    // Another test file on the same budget log may have run the seed's line already: then this is unchanged too.
    const id = /^(?:created budget|unchanged: budget) ([0-9a-f-]{36})/.exec(first.stdout)?.[1];
    expect(id).toBeDefined();

    const second = await kt(ledger.url, ...SEED);
    expect(nonWarningLines(second.stderr)).toEqual([]);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(
      `unchanged: budget ${id} already exists: provider:openai monthly limit 5000.00 USD (block)\n`,
    );
    expect((await seedBudgets()).map((b) => b.budget_id)).toEqual([id]);
  });

  it('refuses the same scope, period and action with another limit, naming the budget and the command', async () => {
    const [seed] = await seedBudgets();
    const other = await kt(ledger.url, ...SEED.slice(0, -4), '--limit', '6000', '--period', 'monthly');
    expect(other.code).not.toBe(0);
    expect(other.stderr).toContain('HTTP 409');
    expect(other.stderr).toContain(`budget ${seed?.budget_id} already covers`);
    expect(other.stderr).toContain(`kt spend budget update ${seed?.budget_id} --limit`);
    expect((await seedBudgets()).map((b) => b.limit_micro_usd)).toEqual(['5000000000']);
    // An alert budget on the same scope and period is a different budget.
    const alert = await kt(
      ledger.url,
      ...SEED.slice(0, -4),
      '--limit',
      '100',
      '--period',
      'daily',
      '--action',
      'alert',
    );
    expect(alert.code).toBe(0);
  });

  it('lets only one of many concurrent creates of the same budget create it', async () => {
    const body = { scope_kind: 'team', scope_value: team, period: 'daily', limit_usd: '10', action: 'block' };
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(ledger, body)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(answers.map((a) => (a.json as { budget_id: string }).budget_id));
    expect(ids.size).toBe(1);
    expect(answers.map((a) => (a.json as { created: boolean }).created).filter(Boolean)).toHaveLength(1);
    const live = (await list(ledger)).filter((b) => b.scope.kind === 'team' && b.scope.value === team);
    expect(live.map((b) => b.budget_id)).toEqual([...ids]);
    // Concurrent creates with different limits: one wins, the others are told which budget exists.
    const scope = `${team}-race`;
    const racing = await Promise.all(
      ['1', '2', '3', '4'].map((limit) =>
        post(ledger, {
          scope_kind: 'team',
          scope_value: scope,
          period: 'weekly',
          limit_usd: limit,
          action: 'block',
        }),
      ),
    );
    expect(racing.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
    const winner = (racing.find((a) => a.status === 201)?.json as { budget_id: string }).budget_id;
    for (const refused of racing.filter((a) => a.status === 409))
      expect(JSON.stringify(refused.json)).toContain(winner);
  });

  it('reports the unpriced traffic of the last 30 days in a new block budget’s scope', async () => {
    const ds = ledger.ds;
    // The projection creates monthly partitions as it books; this test books rows itself.
    await ds.query(
      'CREATE TABLE IF NOT EXISTS ledger_entries_test_default PARTITION OF ledger_entries DEFAULT',
    );
    const scope = `${team}-unpriced`;
    const book = (
      pricedBy: string,
      daysAgo: number,
      input: number,
      output: number,
      type = 'route.completed',
    ) =>
      ds.query(
        `INSERT INTO ledger_entries (event_id, request_id, occurred_at, type, status, provider, target, "group",
           model, team, key_id, input_tokens, output_tokens, cost_micro_usd, priced_by, event)
         VALUES ($1, $8, $2, $3, 200, 'azure', 'azure-main', 'g', 'm', $4, 'k', $5, $6, 0, $7, '{}')`,
        [
          randomUUID(),
          new Date(Date.now() - daysAgo * 86_400_000),
          type,
          scope,
          input,
          output,
          pricedBy,
          randomUUID(),
        ],
      );
    await book('unpriced', 1, 100, 20);
    await book('unpriced', 29, 10, 1);
    await book('unpriced', 31, 1000, 1000); // before the look-back
    await book('catalog', 1, 1000, 1000);
    await book('unpriced', 1, 0, 0, 'route.rejected');
    // Roll the booked rows up as the projection would: the warning sums the rollup's flag columns.
    await ds.query(
      `INSERT INTO spend_hourly (hour, provider, target, "group", model, team, key_id, requests, errors,
         input_tokens, output_tokens, cost_micro_usd, ${FLAG_COLUMNS.join(', ')})
       SELECT date_trunc('hour', occurred_at, 'UTC'), provider, target, "group", model, team, key_id,
         count(*), count(*) FILTER (WHERE type <> 'route.completed'), sum(input_tokens), sum(output_tokens),
         sum(cost_micro_usd), ${ENTRY_FLAG_SUMS_SQL}
       FROM ledger_entries WHERE team = $1 GROUP BY 1, 2, 3, 4, 5, 6, 7`,
      [scope],
    );

    const created = await post(ledger, {
      scope_kind: 'team',
      scope_value: scope,
      period: 'monthly',
      limit_usd: '5',
      action: 'block',
    });
    expect(created.status).toBe(201);
    const json = created.json as {
      unpriced_in_scope: { requests: number; tokens: number };
      warnings: string[];
    };
    expect(json.unpriced_in_scope).toMatchObject({ requests: 2, tokens: 131 });
    expect(json.warnings).toEqual([expect.stringContaining('unpriced: 2 requests, 131 tokens')]);

    const cli = await kt(
      ledger.url,
      'spend',
      'budget',
      'create',
      '--scope',
      `team:${scope}`,
      '--limit',
      '5',
      '--period',
      'weekly',
      '--action',
      'block',
    );
    expect(cli.code).toBe(0);
    expect(cli.stderr).toContain('warning: unpriced: 2 requests, 131 tokens');
    expect(cli.stderr).toContain('pricing.unpriced_under_block_budget');
    // An alert budget never blocks: nothing to warn about.
    const alert = await post(ledger, {
      scope_kind: 'team',
      scope_value: scope,
      period: 'daily',
      limit_usd: '5',
    });
    expect(alert.json).toMatchObject({ created: true, warnings: [] });
  });

  it('refuses an update that would make a budget the duplicate of another live one', async () => {
    const scope = `${team}-moved`;
    const daily = await post(ledger, {
      scope_kind: 'team',
      scope_value: scope,
      period: 'daily',
      limit_usd: '1',
    });
    const weekly = await post(ledger, {
      scope_kind: 'team',
      scope_value: scope,
      period: 'weekly',
      limit_usd: '2',
    });
    expect([daily.status, weekly.status]).toEqual([201, 201]);
    const dailyId = (daily.json as { budget_id: string }).budget_id;
    const weeklyId = (weekly.json as { budget_id: string }).budget_id;
    const patch = (body: unknown) =>
      fetch(`${ledger.url}/v1/budgets/${weeklyId}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', ...ledgerAuth('admin') },
        body: JSON.stringify(body),
      });
    const moved = await patch({ period: 'daily' });
    expect(moved.status).toBe(409);
    expect(await moved.text()).toContain(dailyId);
    expect((await patch({ period: 'monthly', limit_usd: '3' })).status).toBe(200);
  });

  it('keeps the earliest-defined of duplicates found in the log, whatever order they arrive in', async () => {
    const scope = `${team}-replayed`;
    const defined = (id: string, limit: string, at: string): BudgetEvent => ({
      schema: BUDGET_SCHEMA,
      event_id: randomUUID(),
      occurred_at: at as BudgetEvent['occurred_at'],
      budget_id: id,
      type: 'budget.defined',
      scope: { kind: 'team', value: scope },
      period: 'monthly',
      limit_micro_usd: limit,
      thresholds_pct: [50, 80, 100],
      action: 'block',
    });
    // From before the rule: defined on the 1st and the 3rd; the log delivers the later one first
    // (they are keyed by budget id, so on different partitions), as a rebuild may read them.
    const [earlier, later] = [randomUUID(), randomUUID()];
    const producer = createProducer(
      createKafka({ clientId: 'kt-budgets-dup-test', brokers: kafkaBrokers() }),
    );
    await producer.connect();
    const stored = async () =>
      ledger.ds.query<{ budget_id: string; deleted: boolean }[]>(
        'SELECT budget_id, deleted FROM budgets WHERE budget_id = ANY($1) ORDER BY deleted',
        [[earlier, later]],
      );
    try {
      await producer.send(BUDGET_EVENTS_TOPIC, [
        { key: later, value: encodeEvent(defined(later, '3000000', '2026-11-03T00:00:00.000Z')) },
      ]);
      await until(
        'the ledger applied the later definition',
        async () => (await stored()).length === 1,
        30_000,
      );
      await producer.send(BUDGET_EVENTS_TOPIC, [
        { key: earlier, value: encodeEvent(defined(earlier, '1000000', '2026-11-01T00:00:00.000Z')) },
      ]);
    } finally {
      await producer.disconnect();
    }
    await until('the ledger applied both definitions', async () => (await stored()).length === 2, 30_000);
    // The migration's rule: the earliest defined stays, the other is deleted (and announced so).
    expect(await stored()).toEqual([
      { budget_id: earlier, deleted: false },
      { budget_id: later, deleted: true },
    ]);
    expect((await list(ledger)).filter((b) => b.scope.value === scope).map((b) => b.budget_id)).toEqual([
      earlier,
    ]);
  });

  it('answers the surviving budget to a create retried while its first attempt is still unapplied', async () => {
    // A create that got 503 left its definition in the log, not yet applied; the retry must not be
    // told created: true for a second budget the projection then deletes.
    const producer = createProducer(
      createKafka({ clientId: 'kt-budgets-retry-test', brokers: kafkaBrokers() }),
    );
    await producer.connect();
    try {
      for (const attempt of [1, 2, 3]) {
        const scope = `${team}-retried-${attempt}`;
        const first = randomUUID();
        await producer.send(BUDGET_EVENTS_TOPIC, [
          {
            key: first,
            value: encodeEvent({
              schema: BUDGET_SCHEMA,
              event_id: randomUUID(),
              occurred_at: new Date(Date.now() - 1_000).toISOString() as BudgetEvent['occurred_at'],
              budget_id: first,
              type: 'budget.defined',
              scope: { kind: 'team', value: scope },
              period: 'weekly',
              limit_micro_usd: '7000000',
              thresholds_pct: [50, 80, 100],
              action: 'block',
            }),
          },
        ]);
        const retry = await post(ledger, {
          scope_kind: 'team',
          scope_value: scope,
          period: 'weekly',
          limit_usd: '7',
          action: 'block',
        });
        expect(retry.status).toBe(200);
        expect(retry.json).toMatchObject({ budget_id: first, created: false });
        expect((await list(ledger)).filter((b) => b.scope.value === scope).map((b) => b.budget_id)).toEqual([
          first,
        ]);
      }
    } finally {
      await producer.disconnect();
    }
  });

  it('changes a budget with kt spend budget update, after which the new limit is unchanged', async () => {
    const [seed] = await seedBudgets();
    const id = seed?.budget_id ?? '';
    const updated = await kt(ledger.url, 'spend', 'budget', 'update', id, '--limit', '5000');
    expect(updated.code).toBe(0);
    expect(updated.stdout).toBe(`updated budget ${id}: monthly limit 5000.00 USD (block)\n`);
    const again = await kt(ledger.url, ...SEED);
    expect(again.stdout).toContain(`unchanged: budget ${id}`);
  });
});
