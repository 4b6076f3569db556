import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafka, createProducer } from '@kt/bus';
import {
  BUDGET_EVENTS_TOPIC,
  BUDGET_STATE_TOPIC,
  DEAD_LETTER_TOPIC,
  decodeDeadLetter,
  type BudgetEvent,
  type BudgetState,
} from '@kt/contracts';
import {
  createDatabase,
  decodeEvent,
  decodeState,
  ensureBudgetTopics,
  kt,
  post,
  startLedger,
  TestClock,
  TopicLog,
  type BudgetView,
  type LedgerUnderTest,
} from './budgets.fixture.js';
import { kafkaBrokers } from '../setup/infra.js';
import { ledgerAuth } from '../support/service.credentials.js';
import { nonWarningLines } from '../support/cli.stderr.js';
import { SEED_OPENAI_BUDGET } from '../support/seed.commands.js';

describe('the budgets admin API and kt spend', () => {
  const clock = new TestClock();
  let dbUrl: string;
  let ledger: LedgerUnderTest;
  let events: TopicLog<BudgetEvent>;
  let states: TopicLog<BudgetState>;
  const team = `team-${randomUUID().slice(0, 8)}`;
  const created: BudgetView[] = [];

  beforeAll(async () => {
    await ensureBudgetTopics();
    dbUrl = await createDatabase();
    ledger = await startLedger(dbUrl, clock);
    [events, states] = await Promise.all([
      TopicLog.start(BUDGET_EVENTS_TOPIC, decodeEvent),
      TopicLog.start(BUDGET_STATE_TOPIC, decodeState),
    ]);
  }, 120_000);

  afterAll(async () => {
    // The seed's budget was changed here (PATCH): left live on the shared budget log, it would make
    // a later file's run of the seed's line a 409 (same scope, other settings).
    for (const budget of created) {
      await fetch(`${ledger.url}/v1/budgets/${budget.budget_id}`, {
        method: 'DELETE',
        headers: ledgerAuth('admin'),
      });
    }
    await Promise.all([events?.stop(), states?.stop()]);
    await ledger?.close();
  });

  it('runs the seed’s provider-budget command as written and lists the budget', async () => {
    const create = await kt(ledger.url, ...SEED_OPENAI_BUDGET);
    expect(nonWarningLines(create.stderr)).toEqual([]);
    expect(create.code).toBe(0);
    // Budgets are idempotent by scope: if another test file on this budget log ran the seed's line
    // first, this run answers that budget unchanged.
    expect(create.stdout).toMatch(
      /^(created budget|unchanged: budget) [0-9a-f-]{36}:? (already exists: )?provider:openai monthly limit 5000\.00 USD \(block\)\n$/,
    );

    const shown = await kt(ledger.url, 'spend', 'provider-budget', 'list');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/provider:openai\s+monthly\s+5000\.00\s+0\.00\s+0\.0%\s+ok\s+block/);

    const json = await kt(ledger.url, 'spend', 'provider-budget', 'list', '--json');
    const budgets = JSON.parse(json.stdout) as BudgetView[];
    expect(budgets.map((b) => [b.scope, b.limit_micro_usd, b.period, b.action])).toContainEqual([
      { kind: 'provider', value: 'openai' },
      '5000000000',
      'monthly',
      'block',
    ]);
    // Other tests' provider budgets may share the topic: keep only the one this command created.
    const id = /^(?:created budget|unchanged: budget) ([0-9a-f-]{36})/.exec(create.stdout)?.[1];
    created.push(...budgets.filter((b) => b.budget_id === id));
    expect(created).toHaveLength(1);
  });

  it('creates, lists and deletes budgets of other scopes through the CLI', async () => {
    const create = await kt(
      ledger.url,
      'spend',
      'budget',
      'create',
      '--scope',
      `team:${team}-cli`,
      '--limit',
      '12.5',
      '--period',
      'weekly',
      '--action',
      'alert',
      '--thresholds',
      '25,75',
      '--name',
      'CLI team',
    );
    expect(create.code).toBe(0);
    const id = /created budget (\S+):/.exec(create.stdout)?.[1] ?? '';
    const global = await kt(
      ledger.url,
      'spend',
      'budget',
      'create',
      '--scope',
      'global',
      '--limit',
      '100',
      '--period',
      'total',
    );
    expect(global.code).toBe(0);

    const listed = JSON.parse(
      (await kt(ledger.url, 'spend', 'budget', 'list', '--json')).stdout,
    ) as BudgetView[];
    expect(listed.find((b) => b.budget_id === id)).toMatchObject({
      scope: { kind: 'team', value: `${team}-cli` },
      period: 'weekly',
      limit_micro_usd: '12500000',
      thresholds_pct: [25, 75],
      action: 'alert',
      name: 'CLI team',
    });
    const globalBudget = listed.find((b) => b.scope.kind === 'global' && b.period === 'total');
    expect(globalBudget).toBeDefined();
    // A live global block budget covers every later test's gateway on the shared budget-state
    // topic, and a pack's unpriced target is refused under one: this test does not leave it behind.
    expect((await kt(ledger.url, 'spend', 'budget', 'delete', globalBudget!.budget_id)).code).toBe(0);

    expect((await kt(ledger.url, 'spend', 'budget', 'delete', id)).code).toBe(0);
    const after = JSON.parse(
      (await kt(ledger.url, 'spend', 'budget', 'list', '--json')).stdout,
    ) as BudgetView[];
    expect(after.some((b) => b.budget_id === id)).toBe(false);
    await states.waitFor(
      () => (states.byKey(id).at(-1) === null ? true : undefined),
      'the tombstone of the deleted budget',
    );
    expect(states.byKey(id).at(-2)).toMatchObject({ deleted: true });
  });

  it.each([
    [
      'a zero limit',
      ['--scope', 'team:x', '--limit', '0', '--period', 'daily'],
      /limit_usd must be a USD amount greater than 0/,
    ],
    [
      'a scope without a name',
      ['--scope', 'team', '--limit', '5', '--period', 'daily'],
      /--scope team needs a name/,
    ],
    [
      'descending thresholds',
      ['--scope', 'key:k1', '--limit', '5', '--period', 'daily', '--thresholds', '80,50'],
      /--thresholds/,
    ],
    [
      'an unknown period',
      ['--scope', 'global', '--limit', '5', '--period', 'yearly'],
      /--period: expected one of/,
    ],
  ])('refuses %s with exit code 2', async (_name, args, message) => {
    const run = await kt(ledger.url, 'spend', 'budget', 'create', ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('validates the admin API’s input', async () => {
    const refused = await post(ledger, {
      scope_kind: 'team',
      period: 'daily',
      limit_usd: '5',
      thresholds_pct: [50, 120],
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.json)).toMatch(/scope_value is required/);
    expect(JSON.stringify(refused.json)).toMatch(/thresholds_pct must be integers between 1 and 100/);
  });

  it('updates a budget through the admin API and answers with the new state', async () => {
    const budget = created[0];
    const res = await fetch(`${ledger.url}/v1/budgets/${budget.budget_id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...ledgerAuth('admin') },
      body: JSON.stringify({ limit_usd: '7500.25', thresholds_pct: [90] }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      budget_id: budget.budget_id,
      scope: { kind: 'provider', value: 'openai' },
      limit_micro_usd: '7500250000',
      thresholds_pct: [90],
      action: 'block',
      state: { limit_micro_usd: '7500250000', remaining_micro_usd: '7500250000' },
    });
    await events.waitFor(
      () => events.byKey(budget.budget_id).find((e) => e?.type === 'budget.updated'),
      'the budget.updated event',
    );
    const missing = await fetch(`${ledger.url}/v1/budgets/no-such-budget`, {
      method: 'DELETE',
      headers: ledgerAuth('admin'),
    });
    expect(missing.status).toBe(404);
  });

  it('sends a malformed budget event to the dead-letter topic and keeps consuming', async () => {
    const kafka = createKafka({ clientId: 'kt-budgets-test', brokers: kafkaBrokers() });
    const producer = createProducer(kafka);
    await producer.connect();
    const [sent] = await producer.send(BUDGET_EVENTS_TOPIC, [
      { key: 'poison', value: '{"schema":"kt.budget.v9"}' },
    ]);
    await producer.disconnect();
    const letters = await TopicLog.start(DEAD_LETTER_TOPIC, (value) => {
      const decoded = decodeDeadLetter(value);
      return decoded.ok ? decoded.value : null;
    });
    try {
      const key = `${BUDGET_EVENTS_TOPIC}:${sent.partition}:${sent.baseOffset ?? ''}`;
      const letter = await letters.waitFor(() => letters.byKey(key).at(0) ?? undefined, 'the dead letter');
      expect(letter).toMatchObject({ source_topic: BUDGET_EVENTS_TOPIC, value: '{"schema":"kt.budget.v9"}' });
      expect(letter.reason).toMatch(/schema/);
    } finally {
      await letters.stop();
    }
    const after = await post(ledger, {
      scope_kind: 'key',
      scope_value: 'key-after-poison',
      period: 'daily',
      limit_usd: '1',
    });
    expect(after.status).toBe(201);
  });

  it('describes the admin API with OpenAPI at /docs', async () => {
    const document = (await (await fetch(`${ledger.url}/docs-json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
    };
    // Every route needs a bearer token, and the document says so.
    expect(document.components.securitySchemes).toHaveProperty('bearer');
    expect(document.paths['/v1/budgets']?.post).toMatchObject({ security: [{ bearer: [] }] });
    expect(Object.keys(document.paths['/v1/budgets'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(document.paths['/v1/budgets/{id}'] ?? {}).sort()).toEqual(['delete', 'get', 'patch']);
    expect(document.components.schemas).toHaveProperty('CreateBudgetDto');
    const ui = await fetch(`${ledger.url}/docs`);
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-type')).toMatch(/text\/html/);
  });
});
