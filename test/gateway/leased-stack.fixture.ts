import { createKafka, ensureTopics } from '@kt/bus';
import { topicConfigs } from '@kt/contracts';
import { createDataSource, type DataSource } from '@kt/persistence';
import { chatUsageBound, maxAttemptCost } from '../../apps/gateway/src/budgets/usage.bound.js';
import { parseChatRequest } from '../../apps/gateway/src/chat/chat-request.parser.js';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { startOwnBroker, type OwnBroker } from '../bus/publisher.fixture.js';
import { createDatabase } from '../ledger/budgets.fixture.js';
import { startLedger, stopLedger, type LedgerProcess } from './budget-leases.fixture.js';
import { chatBody, GatewayUnderTest, startSims } from './gateway.fixture.js';
import { TEST_LEDGER_GATEWAY_TOKEN } from '../support/service.credentials.js';

/**
 * A pack with one group of two priced targets, $100 / $400 per million tokens (a request costs
 * about a cent): openai-main (provider A) and azure-secondary (provider B).
 */
export function leasedPack(name: string, strategy: 'round_robin' | 'ordered'): string {
  return `pack:
  name: ${name}
  version: "1.0.0"
  enabled: true
providers:
  routing:
    strategy: ${strategy}
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
}

export const LEASED_BODY = chatBody('leased-llm');

/** The most one attempt of `LEASED_BODY` can cost, reckoned exactly as the gateway reserves it. */
export const LEASED_MAX_ATTEMPT_COST = maxAttemptCost(
  {
    vendor: 'openai',
    model: 'gpt-5.4-mini',
    pricing: { inputMicroUsdPerMillion: 100_000_000n, outputMicroUsdPerMillion: 400_000_000n },
  },
  chatUsageBound(parseChatRequest(LEASED_BODY)),
  4096,
);

/** An own broker, a fresh ledger database, the simulators, the shipped ledger and leasing gateways. */
export interface LeasedStack {
  readonly sims: Simulators;
  readonly ledger: LedgerProcess;
  readonly db: DataSource;
  readonly gateways: readonly GatewayUnderTest[];
  stop(): Promise<void>;
}

export async function startLeasedStack(options: {
  readonly pack: string;
  readonly instances: readonly string[];
  /** `KT_BUDGET_LEASE_REQUESTS`: how many requests' worth of headroom a gateway asks for at once. */
  readonly leaseRequests: number;
}): Promise<LeasedStack> {
  const broker: OwnBroker = await startOwnBroker();
  await ensureTopics(createKafka({ clientId: 'kt-test-leases', brokers: broker.brokers }), topicConfigs());
  const databaseUrl = await createDatabase();
  const db = createDataSource({ url: databaseUrl });
  await db.initialize();
  const [sims, ledger] = await Promise.all([startSims(), startLedger(broker.brokers, databaseUrl)]);
  const gateways: GatewayUnderTest[] = [];
  for (const instance of options.instances) {
    gateways.push(
      await GatewayUnderTest.start(sims, {
        pack: options.pack,
        kafkaBrokers: broker.brokers,
        env: {
          KT_INSTANCE_ID: instance,
          KT_LEDGER_URL: ledger.url,
          KT_LEDGER_SERVICE_TOKEN: TEST_LEDGER_GATEWAY_TOKEN,
          KT_BUDGET_LEASE_REQUESTS: String(options.leaseRequests),
        },
      }),
    );
  }
  return {
    sims,
    ledger,
    db,
    gateways,
    stop: async () => {
      await Promise.all(gateways.map((g) => g.stop()));
      await stopLedger(ledger);
      await db.destroy();
      await sims.stop();
      await broker.destroy();
    },
  };
}
