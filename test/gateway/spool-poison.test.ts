import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createKafka, ensureTopics } from '@kt/bus';
import { topicConfigs } from '@kt/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { startOwnBroker, type OwnBroker } from '../bus/publisher.fixture.js';
import { chatBody, GatewayUnderTest, requestId, RouteEventLog, startSims } from './gateway.fixture.js';

interface Readyz {
  readonly status: number;
  readonly body: {
    readonly ready: boolean;
    readonly status?: string;
    readonly checks: Record<string, boolean>;
    readonly reasons?: Record<string, string>;
  };
}

async function readyz(gateway: GatewayUnderTest): Promise<Readyz> {
  const res = await fetch(`${gateway.url}/readyz`);
  return { status: res.status, body: (await res.json()) as Readyz['body'] };
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(250);
  }
}

// Stops and restarts a broker, so it runs on one of its own, never the run's shared broker.
describe('the gateway’s route events with a poison record and a long outage', () => {
  let broker: OwnBroker;
  let sims: Simulators;
  let gateway: GatewayUnderTest;
  const spoolDir = mkdtempSync(join(tmpdir(), 'kt-gw-poison-'));

  beforeAll(async () => {
    broker = await startOwnBroker();
    await ensureTopics(createKafka({ clientId: 'kt-test-topics', brokers: broker.brokers }), topicConfigs());
    sims = await startSims();
    gateway = await GatewayUnderTest.start(sims, {
      kafkaBrokers: broker.brokers,
      spoolDir,
      env: { KT_SPOOL_MAX_AGE_SECONDS: '3' },
    });
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
    await sims?.stop();
    await broker?.destroy();
  });

  const traffic = async (label: string, n: number): Promise<string[]> => {
    const ids = Array.from({ length: n }, () => requestId(label));
    for (const id of ids) {
      const answer = await gateway.post('/v1/chat/completions', chatBody(), id);
      expect(answer.status).toBe(200);
      await answer.arrayBuffer();
    }
    return ids;
  };

  it('keeps delivering route events after an anonymous request with a 1.3 MB model', async () => {
    const anonymous = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId('anonymous') },
      body: JSON.stringify(chatBody('m'.repeat(1_300_000))),
    });
    expect(anonymous.status).toBeGreaterThanOrEqual(400);
    expect(anonymous.status).toBeLessThan(500);
    await anonymous.arrayBuffer();

    const after = await traffic('after-poison', 20);
    const log = await RouteEventLog.start(broker.brokers);
    try {
      expect(await log.waitFor(after, 30_000)).toHaveLength(20);
    } finally {
      await log.stop();
    }
    expect((await readyz(gateway)).status).toBe(200);
  }, 90_000);

  it('answers /readyz degraded while events wait longer than the threshold, and ready once they drained', async () => {
    expect(await readyz(gateway)).toMatchObject({ status: 200, body: { checks: { 'event-spool': true } } });
    await broker.stop();
    const during = await traffic('during-outage', 5);

    // Degraded, yet still ready: a spooling gateway serves, and must not leave its load balancer.
    const degraded = await until('/readyz degraded', 60_000, async () => {
      const answer = await readyz(gateway);
      return answer.body.status === 'degraded' ? answer : undefined;
    });
    expect(degraded.status).toBe(200);
    expect(degraded.body).toMatchObject({
      ready: true,
      status: 'degraded',
      checks: { 'event-spool': false },
    });
    expect(degraded.body.reasons?.['event-spool']).toMatch(
      /^the oldest spooled route events have waited \d+ s for Kafka \(threshold 3 s\)$/,
    );
    // Alive all along: only readiness says something is wrong.
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/^kt_gateway_event_spool_oldest_age_seconds(\{[^}]*\})? [1-9]/m);

    await broker.start();
    await until('/readyz no longer degraded', 90_000, async () => {
      const answer = await readyz(gateway);
      return answer.status === 200 && answer.body.status === undefined ? true : undefined;
    });
    const log = await RouteEventLog.start(broker.brokers);
    try {
      expect(await log.waitFor(during, 30_000)).toHaveLength(5);
    } finally {
      await log.stop();
    }
  }, 240_000);
});
