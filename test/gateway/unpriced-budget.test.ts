import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafka, ensureTopics } from '@kt/bus';
import { topicConfigs } from '@kt/contracts';
import { createDataSource, type DataSource } from '@kt/persistence';
import { chatUsageBound, maxAttemptCost } from '../../apps/gateway/src/budgets/usage.bound.js';
import { parseChatRequest } from '../../apps/gateway/src/chat/chat-request.parser.js';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { startOwnBroker, type OwnBroker } from '../bus/publisher.fixture.js';
import { createDatabase } from '../ledger/budgets.fixture.js';
import { TEST_LEDGER_GATEWAY_TOKEN } from '../support/service.credentials.js';
import { createBudget, startLedger, stopLedger, until, type LedgerProcess } from './budget-leases.fixture.js';
import { chatBody, GATEWAY_KEY, GatewayUnderTest, requestId, startSims } from './gateway.fixture.js';

// The seed's Azure target: a deployment name no catalog prices.
const UNPRICED_TARGET = (id: string): string => `    - id: ${id}
      provider: azure:chat:gpt-5.4-mini-mini
      secret_key_ref: { env: AZURE_OPENAI_API_KEY }`;

function pack(name: string, pricing: string): string {
  return `pack:
  name: ${name}
  version: "1.0.0"
  enabled: true
${pricing}providers:
  routing:
    strategy: ordered
  model_groups:
    - name: unpriced-llm
      targets: [azure-unpriced]
    - name: mixed-llm
      targets: [azure-unpriced-first, openai-priced]
  targets:
${UNPRICED_TARGET('azure-unpriced')}
${UNPRICED_TARGET('azure-unpriced-first')}
    - id: openai-priced
      provider: openai:chat:gpt-5.4-mini
      pricing: { input_per_million: 1, output_per_million: 2 }
      secret_key_ref: { env: OPENAI_API_KEY }
`;
}

// $100 / $400 per million: a request costs about a cent, so a small budget runs out quickly.
const RATE = { input: 100n, output: 400n };
const RESERVE = `pricing:
  unpriced_under_block_budget: reserve
  fallback_rate: { input_per_million: ${RATE.input}, output_per_million: ${RATE.output} }
`;
const LIMIT_MICRO_USD = 60_000n;
const BODY = chatBody('unpriced-llm');
const MAX_ATTEMPT = maxAttemptCost(
  {
    vendor: 'azure',
    model: 'x',
    pricing: {
      inputMicroUsdPerMillion: RATE.input * 1_000_000n,
      outputMicroUsdPerMillion: RATE.output * 1_000_000n,
    },
  },
  chatUsageBound(parseChatRequest(BODY)),
  4096,
);

interface EntryRow {
  readonly target: string;
  readonly team: string;
  readonly priced_by: string;
  readonly input_tokens: string;
  readonly output_tokens: string;
  readonly cost_micro_usd: string;
}

describe('unpriced traffic under a block budget follows the pack', () => {
  let broker: OwnBroker;
  let db: DataSource;
  let sims: Simulators;
  let ledger: LedgerProcess;
  // Same key, different teams: each gateway's team has its own block budget.
  let refusing: GatewayUnderTest; // default policy, team qa
  let reserving: GatewayUnderTest; // reserve + fallback_rate, team rich
  let servedUnpriced = 0; // requests the refusing gateway served at the unpriced target

  const call = async (gateway: GatewayUnderTest, model: string) => {
    const answer = await gateway.post('/v1/chat/completions', chatBody(model), requestId('unpriced'));
    const body = (await answer.json()) as { error?: { code?: string; message?: string } };
    return { status: answer.status, target: answer.headers.get('x-kt-target'), error: body.error };
  };
  const entries = (team: string): Promise<EntryRow[]> =>
    db.query<EntryRow[]>(
      "SELECT target, team, priced_by, input_tokens, output_tokens, cost_micro_usd FROM ledger_entries WHERE team = $1 AND type = 'route.completed'",
      [team],
    );

  beforeAll(async () => {
    broker = await startOwnBroker();
    await ensureTopics(
      createKafka({ clientId: 'kt-test-unpriced', brokers: broker.brokers }),
      topicConfigs(),
    );
    const databaseUrl = await createDatabase();
    db = createDataSource({ url: databaseUrl });
    await db.initialize();
    [sims, ledger] = await Promise.all([startSims(), startLedger(broker.brokers, databaseUrl)]);
    const start = (instance: string, text: string, team: string) =>
      GatewayUnderTest.start(sims, {
        pack: text,
        kafkaBrokers: broker.brokers,
        env: {
          KT_INSTANCE_ID: instance,
          KT_API_KEYS: `${GATEWAY_KEY}:${team}`,
          KT_LEDGER_URL: ledger.url,
          KT_LEDGER_SERVICE_TOKEN: TEST_LEDGER_GATEWAY_TOKEN,
          KT_BUDGET_LEASE_REQUESTS: '2',
        },
      });
    [refusing, reserving] = await Promise.all([
      start('gw-refuse', pack('unpriced-refuse', ''), 'qa'),
      start('gw-reserve', pack('unpriced-reserve', RESERVE), 'rich'),
    ]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([refusing?.stop(), reserving?.stop()]);
    await stopLedger(ledger);
    await db?.destroy();
    await sims?.stop();
    await broker?.destroy();
  }, 60_000);

  it('refuses an unpriced target by default once a block budget covers the team, and routes around it', async () => {
    // No block budget: served and booked unpriced, as before.
    expect((await call(refusing, 'unpriced-llm')).status).toBe(200);
    servedUnpriced++;
    await createBudget(ledger, {
      scope_kind: 'team',
      scope_value: 'qa',
      period: 'monthly',
      limit_usd: '100',
      action: 'block',
    });
    let refused: Awaited<ReturnType<typeof call>> | undefined;
    await until(
      'the gateway refuses the unpriced target under the team budget',
      async () => {
        const answer = await call(refusing, 'unpriced-llm');
        if (answer.status !== 200) refused = answer;
        else servedUnpriced++;
        return answer.status !== 200;
      },
      60_000,
      refusing.logs,
    );
    expect(refused?.status).toBe(402);
    expect(refused?.error?.code).toBe('budget_exceeded');
    for (const words of [
      'azure-unpriced has no price',
      'base_model',
      'pricing.unpriced_under_block_budget: reserve',
    ])
      expect(refused?.error?.message).toContain(words);
    // A group with a priced target after the unpriced one is served by the priced one.
    for (let i = 0; i < 5; i++)
      expect(await call(refusing, 'mixed-llm')).toMatchObject({ status: 200, target: 'openai-priced' });
  }, 120_000);

  it('with reserve, admits, reserves and books at the fallback rate, and stops at the limit', async () => {
    await createBudget(ledger, {
      scope_kind: 'team',
      scope_value: 'rich',
      period: 'monthly',
      limit_usd: (Number(LIMIT_MICRO_USD) / 1e6).toFixed(6),
      action: 'block',
    });
    let served = 0;
    let last = { status: 200 } as Awaited<ReturnType<typeof call>>;
    for (let i = 0; i < 200 && last.status === 200; i++) {
      last = await call(reserving, 'unpriced-llm');
      if (last.status === 200) served++;
    }
    process.stdout.write(`[unpriced-reserve] ${served} served before ${last.status} ${last.error?.code}\n`);
    expect(last).toMatchObject({ status: 402, error: { code: 'budget_exceeded' } });
    expect(served).toBeGreaterThan(1);
    await until(
      'the ledger booked every served request',
      async () => (await entries('rich')).length === served,
      60_000,
      ledger.logs,
    );
    const rows = await entries('rich');
    let spent = 0n;
    for (const row of rows) {
      expect(row).toMatchObject({ target: 'azure-unpriced', priced_by: 'pack' });
      const exact = BigInt(row.input_tokens) * RATE.input + BigInt(row.output_tokens) * RATE.output;
      expect(BigInt(row.cost_micro_usd)).toBe(exact);
      expect(exact).toBeGreaterThan(0n);
      spent += exact;
    }
    expect(spent).toBeLessThanOrEqual(LIMIT_MICRO_USD + MAX_ATTEMPT);
    const leases = await db.query<unknown[]>(
      "SELECT 1 FROM budget_leases WHERE gateway_instance = 'gw-reserve'",
    );
    expect(leases.length).toBeGreaterThan(0);
    // The refusing pack's team was booked unpriced only before its gateway followed the budget.
    const qa = await entries('qa');
    expect(qa.filter((row) => row.priced_by === 'unpriced')).toHaveLength(servedUnpriced);
    expect(qa.filter((row) => row.target === 'openai-priced')).toHaveLength(5);
  }, 180_000);
});
