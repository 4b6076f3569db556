import { randomUUID } from 'node:crypto';
import { ROUTE_EVENTS_TOPIC } from '@kt/contracts';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import {
  GatewayUnderTest,
  RouteEventLog,
  startSims,
  type GatewayOptions,
} from '../gateway/gateway.fixture.js';
import { createDatabase, createTopics, LedgerUnderTest, testKafka } from './ledger.fixture.js';

/** Simulators → gateway → route-event log → a ledger booking it into its own database. */
export interface BookedGateway {
  readonly sims: Simulators;
  readonly gateway: GatewayUnderTest;
  readonly log: RouteEventLog;
  readonly ledger: LedgerUnderTest;
  stop(): Promise<void>;
}

/**
 * Starts the whole money path for one test file: `name` keeps its database, dead-letter topic and
 * consumer group apart from other files sharing the broker.
 */
export async function startBookedGateway(name: string, options: GatewayOptions = {}): Promise<BookedGateway> {
  const run = randomUUID().slice(0, 8);
  // Stopped in reverse order of start, also when a later piece fails to start.
  const started: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const stopOne of started.splice(0).reverse()) await stopOne();
  };
  try {
    const sims = await startSims();
    started.push(() => sims.stop());
    const gateway = await GatewayUnderTest.start(sims, options);
    started.push(() => gateway.stop());
    const log = await RouteEventLog.start();
    started.push(() => log.stop());
    const db = await createDatabase(`kt_${name}`);
    started.push(() => db.drop());
    const deadLetterTopic = `kt-test-${name}-${run}.dead-letter`;
    await createTopics(testKafka(), [deadLetterTopic]);
    const ledger = await LedgerUnderTest.start({
      databaseUrl: db.url,
      topic: ROUTE_EVENTS_TOPIC,
      deadLetterTopic,
      group: `kt-ledger-${name}-${run}`,
    });
    started.push(() => ledger.stop());
    return { sims, gateway, log, ledger, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
