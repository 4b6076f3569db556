import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafka, ensureTopics } from '@kt/bus';
import { topicConfigs } from '@kt/contracts';
import { createDataSource, type DataSource } from '@kt/persistence';
import { chatUsageBound, maxAttemptCost } from '../../apps/gateway/src/budgets/usage.bound.js';
import { parseChatRequest } from '../../apps/gateway/src/chat/chat-request.parser.js';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { startOwnBroker, type OwnBroker } from '../bus/publisher.fixture.js';
import {
  createBudget,
  startLedger,
  stopLedger,
  until,
  type LedgerProcess,
} from '../gateway/budget-leases.fixture.js';
import { chatBody, GATEWAY_KEY, GatewayUnderTest, startSims } from '../gateway/gateway.fixture.js';
import { createDatabase } from '../ledger/budgets.fixture.js';
import { TEST_LEDGER_GATEWAY_TOKEN } from '../support/service.credentials.js';

// $100 / $400 per million at both vendors: a booked cost is input × 100 + output × 400 micro-USD.
const PACK = `pack:
  name: hostile-usage
  version: "1.0.0"
  enabled: true
providers:
  routing: { strategy: ordered }
  fallback: { enabled: false }
  model_groups:
    - { name: openai-chat, targets: [openai-main] }
    - { name: anthropic-chat, targets: [anthropic-main] }
  targets:
    - id: openai-main
      provider: openai:chat:gpt-5.4-mini
      pricing: { input_per_million: 100, output_per_million: 400 }
      secret_key_ref: { env: OPENAI_API_KEY }
    - id: anthropic-main
      provider: anthropic:chat:claude-opus-4-5
      pricing: { input_per_million: 100, output_per_million: 400 }
      secret_key_ref: { env: ANTHROPIC_API_KEY }
`;

// What a broken or hostile upstream reports: cached tokens above the prompt, counts past 2^53,
// 1-hour cache writes with no writes. Before the readers kept counts consistent, pricing threw.
const HOSTILE = {
  openai: {
    prompt_tokens_details: { cached_tokens: 1_000_000 },
    completion_tokens_details: { reasoning_tokens: 1e20 },
  },
  anthropic: { cache_read_input_tokens: 1e20, cache_creation: { ephemeral_1h_input_tokens: 5_000_000 } },
} as const;

const TEAM = 'hostile';
const MAX_ATTEMPT = maxAttemptCost(
  {
    vendor: 'openai',
    model: 'gpt-5.4-mini',
    pricing: { inputMicroUsdPerMillion: 100_000_000n, outputMicroUsdPerMillion: 400_000_000n },
  },
  chatUsageBound(parseChatRequest(chatBody('openai-chat'))),
  4096,
);

interface EntryRow {
  readonly target: string;
  readonly status: number;
  readonly priced_by: string;
  readonly input_tokens: string;
  readonly output_tokens: string;
  readonly cost_micro_usd: string;
}

describe('upstream usage a price cannot be computed from', () => {
  let broker: OwnBroker;
  let db: DataSource;
  let sims: Simulators;
  let ledger: LedgerProcess;
  let gateway: GatewayUnderTest;
  let openai: OpenAI;

  beforeAll(async () => {
    broker = await startOwnBroker();
    await ensureTopics(createKafka({ clientId: 'kt-test-hostile', brokers: broker.brokers }), topicConfigs());
    const databaseUrl = await createDatabase();
    db = createDataSource({ url: databaseUrl });
    await db.initialize();
    [sims, ledger] = await Promise.all([startSims(), startLedger(broker.brokers, databaseUrl)]);
    gateway = await GatewayUnderTest.start(sims, {
      pack: PACK,
      kafkaBrokers: broker.brokers,
      env: {
        KT_INSTANCE_ID: 'gw-hostile',
        KT_API_KEYS: `${GATEWAY_KEY}:${TEAM}`,
        KT_LEDGER_URL: ledger.url,
        KT_LEDGER_SERVICE_TOKEN: TEST_LEDGER_GATEWAY_TOKEN,
        KT_BUDGET_LEASE_REQUESTS: '2',
      },
    });
    openai = new OpenAI({ apiKey: GATEWAY_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    await sims.setFaults('openai', { usageOverride: HOSTILE.openai });
    await sims.setFaults('anthropic', { usageOverride: HOSTILE.anthropic });
  }, 180_000);

  afterAll(async () => {
    await gateway?.stop();
    await stopLedger(ledger);
    await db?.destroy();
    await sims?.stop();
    await broker?.destroy();
  }, 60_000);

  it('answers 200, books a price and settles the block budget, streamed or not', async () => {
    // A block budget covers every request, so each one reserves and must settle (the ledger leases
    // headroom in advance, so the limit leaves room for leases not yet returned).
    await createBudget(ledger, {
      scope_kind: 'team',
      scope_value: TEAM,
      period: 'monthly',
      limit_usd: (Number(100n * MAX_ATTEMPT) / 1e6).toFixed(6),
      action: 'block',
    });
    let sent = 0;
    for (let round = 0; round < 3; round++) {
      for (const model of ['openai-chat', 'anthropic-chat']) {
        const answer = await openai.chat.completions.create({
          model,
          messages: [{ role: 'user', content: 'Say hello in one short sentence.' }],
          max_tokens: 16,
        });
        expect(answer.choices[0]?.message.content?.length).toBeGreaterThan(0);
        let streamed = '';
        const stream = await openai.chat.completions.create({
          model,
          messages: [{ role: 'user', content: 'Say hello in one short sentence.' }],
          max_tokens: 16,
          stream: true,
        });
        for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? '';
        expect(streamed.length).toBeGreaterThan(0);
        sent += 2;
      }
    }
    const entries = (): Promise<EntryRow[]> =>
      db.query<EntryRow[]>(
        'SELECT target, status, priced_by, input_tokens, output_tokens, cost_micro_usd FROM ledger_entries WHERE team = $1',
        [TEAM],
      );
    await until(
      'the ledger booked every request',
      async () => (await entries()).length === sent,
      60_000,
      ledger.logs,
    );
    const rows = await entries();
    expect(new Set(rows.map((r) => r.target))).toEqual(new Set(['openai-main', 'anthropic-main']));
    for (const row of rows) {
      expect(row).toMatchObject({ status: 200, priced_by: 'pack' });
      const exact = BigInt(row.input_tokens) * 100n + BigInt(row.output_tokens) * 400n;
      expect(BigInt(row.cost_micro_usd)).toBe(exact);
      expect(exact).toBeGreaterThan(0n);
    }
  }, 120_000);
});
