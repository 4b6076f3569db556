import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKafka, ensureTopics } from '@kt/bus';
import { topicConfigs } from '@kt/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { startOwnBroker, type OwnBroker } from '../bus/publisher.fixture.js';
import { chatBody, GatewayUnderTest, requestId, RouteEventLog, startSims } from './gateway.fixture.js';

// Stops and restarts a broker, so it runs on one of its own, never the run's shared broker.
describe('route events while Kafka is away', () => {
  let broker: OwnBroker;
  let sims: Simulators;
  const spoolDir = mkdtempSync(join(tmpdir(), 'kt-gw-spool-'));
  const gateways: GatewayUnderTest[] = [];

  beforeAll(async () => {
    broker = await startOwnBroker();
    await ensureTopics(createKafka({ clientId: 'kt-test-topics', brokers: broker.brokers }), topicConfigs());
    sims = await startSims();
  });

  afterAll(async () => {
    for (const gateway of gateways) await gateway.stop();
    await sims?.stop();
    await broker?.destroy();
  });

  const traffic = async (gateway: GatewayUnderTest, label: string, n: number): Promise<string[]> => {
    const ids = Array.from({ length: n }, () => requestId(label));
    for (let i = 0; i < ids.length; i += 10) {
      const answers = await Promise.all(
        ids.slice(i, i + 10).map((id) => gateway.post('/v1/chat/completions', chatBody(), id)),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        await answer.arrayBuffer();
      }
    }
    return ids;
  };

  // The outage here may outlast the default 60 s readiness threshold on a loaded machine, and the
  // restarted gateway must come up ready; spool-poison.test.ts covers the degraded /readyz.
  const env = { KT_SPOOL_MAX_AGE_SECONDS: '3600' };

  it('spools events while the broker is stopped and delivers every one when it returns, also after a gateway restart', async () => {
    const first = await GatewayUnderTest.start(sims, { kafkaBrokers: broker.brokers, spoolDir, env });
    gateways.push(first);
    const before = await traffic(first, 'before-outage', 40);
    const live = await RouteEventLog.start(broker.brokers);
    await live.waitFor(before);
    await live.stop();

    await broker.stop();
    const duringOutage = await traffic(first, 'during-outage', 100);
    // A gateway restart while the broker is still away: the spool on disk is the only copy.
    await first.stop();
    const second = await GatewayUnderTest.start(sims, { kafkaBrokers: broker.brokers, spoolDir, env });
    gateways.push(second);
    const afterRestart = await traffic(second, 'after-restart', 60);

    await broker.start();
    const recovered = await RouteEventLog.start(broker.brokers);
    const all = [...before, ...duringOutage, ...afterRestart];
    const events = await recovered.waitFor(all, 60_000);
    await recovered.stop();
    expect(events).toHaveLength(all.length);
    expect(new Set(events.map((e) => e.request_id)).size).toBe(200);
    expect(events.every((e) => e.type === 'route.completed')).toBe(true);
  }, 180_000);
});
