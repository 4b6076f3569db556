import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafka, ensureTopics } from '@kt/bus';
import { topicConfigs } from '@kt/contracts';
import { createDataSource, type DataSource } from '@kt/persistence';
import { parseChatRequest } from '../../apps/gateway/src/chat/chat-request.parser.js';
import { chatUsageBound, maxAttemptCost } from '../../apps/gateway/src/budgets/usage.bound.js';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { startOwnBroker, type OwnBroker } from '../bus/publisher.fixture.js';
import { createDatabase } from '../ledger/budgets.fixture.js';
import { ledgerTotals, startLedger, stopLedger, until, type LedgerProcess } from './budget-leases.fixture.js';
import { chatBody, GatewayUnderTest, requestId, startSims } from './gateway.fixture.js';

// Two priced targets behind one group: $100 / $400 per million tokens, so a request costs about a cent.
const PACK = `pack:
  name: budget-leases
  version: "1.0.0"
  enabled: true
providers:
  routing:
    strategy: round_robin
  model_groups:
    - name: leased-llm
      targets: [openai-main, azure-secondary]
  targets:
    - id: openai-main
      provider: openai:chat:gpt-5.4-mini
      pricing: { input_per_million: 100, output_per_million: 400 }
      secret_key_ref: { env: OPENAI_API_KEY }
    - id: azure-secondary
      provider: azure:chat:gpt-5.4-mini-mini
      pricing: { input_per_million: 100, output_per_million: 400 }
      secret_key_ref: { env: AZURE_OPENAI_API_KEY }
`;
const LIMIT_MICRO_USD = 300_000n;
const BODY = chatBody('leased-llm');
// The most one request can cost, reckoned exactly as the gateway reserves it.
const MAX_COST = maxAttemptCost(
  {
    vendor: 'openai',
    model: 'gpt-5.4-mini',
    pricing: { inputMicroUsdPerMillion: 100_000_000n, outputMicroUsdPerMillion: 400_000_000n },
  },
  chatUsageBound(parseChatRequest(BODY)),
  4096,
);

describe('headroom leases bound a block budget over several gateways', () => {
  let broker: OwnBroker;
  let sims: Simulators;
  let ledger: LedgerProcess;
  let db: DataSource;
  const gateways: GatewayUnderTest[] = [];

  const totals = async (): Promise<{ requests: bigint; cost: bigint }> => {
    let requests = 0n;
    let cost = 0n;
    for (const row of (await ledgerTotals(ledger)).values()) {
      requests += row.requests;
      cost += row.cost;
    }
    return { requests, cost };
  };

  beforeAll(async () => {
    broker = await startOwnBroker();
    await ensureTopics(createKafka({ clientId: 'kt-test-leases', brokers: broker.brokers }), topicConfigs());
    const databaseUrl = await createDatabase();
    db = createDataSource({ url: databaseUrl });
    await db.initialize();
    [sims, ledger] = await Promise.all([startSims(), startLedger(broker.brokers, databaseUrl)]);
    for (const instance of ['gw-a', 'gw-b']) {
      gateways.push(
        await GatewayUnderTest.start(sims, {
          pack: PACK,
          kafkaBrokers: broker.brokers,
          env: { KT_INSTANCE_ID: instance, KT_LEDGER_URL: ledger.url, KT_BUDGET_LEASE_REQUESTS: '4' },
        }),
      );
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.stop()));
    await stopLedger(ledger);
    await db?.destroy();
    await sims?.stop();
    await broker?.destroy();
  }, 60_000);

  it('keeps 200 concurrent requests over two gateways within the limit plus one request per gateway', async () => {
    expect(MAX_COST).toBeGreaterThan(10_000n);
    const created = await fetch(`${ledger.url}/v1/budgets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        scope_kind: 'global',
        period: 'monthly',
        limit_usd: (Number(LIMIT_MICRO_USD) / 1e6).toFixed(6),
        action: 'block',
      }),
    });
    expect(created.status).toBe(201);
    let sent = 0;
    // Each gateway must have followed the budget's state before the burst: then it holds a lease.
    for (const [i, gateway] of gateways.entries()) {
      await until(
        `gateway ${i} leases the budget`,
        async () => {
          sent++;
          const answer = await gateway.post('/v1/chat/completions', BODY, requestId('lease-warmup'));
          await answer.arrayBuffer();
          const rows = await db.query<unknown[]>('SELECT 1 FROM budget_leases WHERE gateway_instance = $1', [
            i === 0 ? 'gw-a' : 'gw-b',
          ]);
          return rows.length > 0;
        },
        60_000,
        gateway.logs,
      );
    }

    const statuses = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const answer = await gateways[i % 2]!.post('/v1/chat/completions', BODY, requestId('lease'));
        const body = (await answer.json()) as { error?: { code?: string } };
        return answer.status === 402 ? `402 ${body.error?.code}` : String(answer.status);
      }),
    );
    sent += 200;
    const served = statuses.filter((s) => s === '200').length;
    const refused = statuses.filter((s) => s === '402 budget_exceeded').length;
    expect(served + refused).toBe(200);
    expect(served).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);

    await until(
      'the ledger applied every route event',
      async () => (await totals()).requests === BigInt(sent),
      60_000,
      ledger.logs,
    );
    const { cost } = await totals();
    expect(cost).toBeGreaterThan(0n);
    expect(cost).toBeLessThanOrEqual(LIMIT_MICRO_USD + 2n * MAX_COST);
  }, 240_000);
});
