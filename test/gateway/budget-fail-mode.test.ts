import { createServer, type IncomingMessage, type Server } from 'node:http';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafka, createProducer, ensureTopics, type BusProducer } from '@kt/bus';
import { BUDGET_STATE_TOPIC, encodeEvent, topicConfigs } from '@kt/contracts';
import { listenPort } from '../support/listen.port.js';
import { budgetState } from '../../apps/gateway/src/budgets/budget.fixture.js';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { kafkaBrokers } from '../setup/infra.js';
import { TEST_LEDGER_GATEWAY_TOKEN } from '../support/service.credentials.js';
import { chatBody, GATEWAY_KEY, GatewayUnderTest, requestId, startSims } from './gateway.fixture.js';

/** A stand-in ledger whose lease answer the test chooses; it records what each request presented. */
class LeaseStub {
  status = 400;
  readonly authorizations: (string | undefined)[] = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<LeaseStub> {
    const seen: { stub?: LeaseStub } = {};
    const server = createServer((request: IncomingMessage, reply) => {
      request.resume();
      request.on('end', () => {
        seen.stub?.authorizations.push(request.headers.authorization);
        reply.writeHead(seen.stub?.status ?? 500, { 'content-type': 'application/json' });
        reply.end(JSON.stringify({ message: ['requested_micro_usd must be at most 1000000000000000'] }));
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    seen.stub = new LeaseStub(server, `http://127.0.0.1:${port}`);
    return seen.stub;
  }

  stopped = false;

  stop(): Promise<void> {
    this.stopped = true;
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface Answer {
  readonly status: number;
  readonly code?: string;
  readonly message?: string;
}

// A team of its own: the block budget published here covers only this file's gateways.
const TEAM = `fail-mode-${randomUUID().slice(0, 8)}`;
const BUDGET_ID = `fail-mode-budget-${TEAM}`;

describe('block budgets when the ledger does not grant a lease', () => {
  let sims: Simulators;
  let stub: LeaseStub;
  let producer: BusProducer;
  /** Fail mode open, its ledger the stub (stopped for the last test: then it is down). */
  let refusing: GatewayUnderTest;
  /** Fail mode closed, its ledger a port nobody listens on. */
  let closed: GatewayUnderTest;

  const upstreamCalls = (): number =>
    (['openai', 'azure', 'anthropic'] as const).reduce((sum, vendor) => sum + sims.stats()[vendor].total, 0);

  const ask = async (gateway: GatewayUnderTest, extra: Record<string, unknown> = {}): Promise<Answer> => {
    const answer = await gateway.post(
      '/v1/chat/completions',
      chatBody(undefined, extra),
      requestId('fail-mode'),
    );
    const body = (await answer.json()) as { error?: { code?: string; message?: string } };
    return { status: answer.status, code: body.error?.code, message: body.error?.message };
  };

  /** Asks until the gateway has followed the budget's state and answers `status`; then once more, watched. */
  const settledAnswer = async (
    gateway: GatewayUnderTest,
    status: number,
  ): Promise<Answer & { upstream: number }> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const answer = await ask(gateway);
      if (answer.status === status) break;
      if (Date.now() > deadline) {
        throw new Error(
          `still ${JSON.stringify(answer)}, not ${status}\n${gateway.logs.join('').slice(-3000)}`,
        );
      }
      await sleep(250);
    }
    const before = upstreamCalls();
    const answer = await ask(gateway);
    return { ...answer, upstream: upstreamCalls() - before };
  };

  beforeAll(async () => {
    const kafka = createKafka({ clientId: 'kt-test-fail-mode', brokers: kafkaBrokers() });
    await ensureTopics(kafka, topicConfigs());
    producer = createProducer(kafka);
    await producer.connect();
    await producer.send(BUDGET_STATE_TOPIC, [
      { key: BUDGET_ID, value: encodeEvent(budgetState(BUDGET_ID, `team:${TEAM}`)) },
    ]);
    [sims, stub] = await Promise.all([startSims(), LeaseStub.start()]);
    const nowhere = `http://127.0.0.1:${await listenPort()}`;
    const start = (ledgerUrl: string, failMode: string): Promise<GatewayUnderTest> =>
      GatewayUnderTest.start(sims, {
        env: {
          KT_API_KEYS: `${GATEWAY_KEY}:${TEAM}`,
          KT_LEDGER_URL: ledgerUrl,
          KT_LEDGER_SERVICE_TOKEN: TEST_LEDGER_GATEWAY_TOKEN,
          KT_BUDGET_FAIL_MODE: failMode,
          KT_BUDGET_LEASE_TIMEOUT_MS: '500',
          KT_BUDGET_LEASE_RETRY_MS: '0',
        },
      });
    // One after the other: each must be ready within the fixture's deadline on a busy machine.
    refusing = await start(stub.url, 'open');
    closed = await start(nowhere, 'closed');
  }, 180_000);

  afterAll(async () => {
    await Promise.all([refusing, closed].map((g) => g?.stop()));
    await producer?.send(BUDGET_STATE_TOPIC, [
      { key: BUDGET_ID, value: encodeEvent(budgetState(BUDGET_ID, `team:${TEAM}`, { deleted: true })) },
      { key: BUDGET_ID, value: null },
    ]);
    await producer?.disconnect();
    await Promise.all([sims?.stop(), stub?.stopped ? undefined : stub?.stop()]);
  }, 60_000);

  it('refuses, never admits, when the ledger answers a lease with a 4xx, even with fail mode open', async () => {
    for (const status of [400, 401, 404]) {
      stub.status = status;
      const answer = await settledAnswer(refusing, 402);
      expect(answer, `ledger ${status}`).toMatchObject({ status: 402, code: 'budget_exceeded', upstream: 0 });
    }
    // The gateway presented its service credential.
    expect(new Set(stub.authorizations)).toEqual(new Set([`Bearer ${TEST_LEDGER_GATEWAY_TOKEN}`]));
    expect(refusing.logs.join('')).not.toMatch(/admitting without a reservation/);
  }, 120_000);

  it('refuses a max_tokens whose cost no lease can hold instead of admitting it unchecked', async () => {
    stub.status = 400;
    const before = upstreamCalls();
    const answer = await ask(refusing, { max_tokens: 1e17 });
    // 402 from the budget, or 400 where the parser bounds max_tokens first: never served.
    expect([400, 402]).toContain(answer.status);
    expect(upstreamCalls() - before).toBe(0);
  }, 60_000);

  it('answers 503 budget_unavailable with KT_BUDGET_FAIL_MODE=closed when the ledger is down', async () => {
    const answer = await settledAnswer(closed, 503);
    expect(answer).toMatchObject({ status: 503, code: 'budget_unavailable', upstream: 0 });
    expect(answer.message).toMatch(/budget service is unavailable/);
    expect(answer.message).not.toContain('127.0.0.1');
  }, 120_000);

  it('admits with KT_BUDGET_FAIL_MODE=open when the ledger is down, counted and logged', async () => {
    await stub.stop();
    const open = refusing;
    const deadline = Date.now() + 60_000;
    let counted = 0;
    while (counted === 0) {
      expect((await ask(open)).status).toBe(200);
      const metrics = await (await fetch(`${open.url}/metrics`)).text();
      const line =
        /kt_gateway_budget_lease_failures_total\{[^}]*outcome="admitted_unchecked"[^}]*\} (\d+)/.exec(
          metrics,
        );
      counted = Number(line?.[1] ?? 0);
      if (Date.now() > deadline) throw new Error(`no fail-open admission counted\n${metrics}`);
      if (counted === 0) await sleep(250);
    }
    expect(counted).toBeGreaterThan(0);
    expect(open.logs.join('')).toMatch(/admitting without a reservation \(KT_BUDGET_FAIL_MODE=open\)/);
  }, 120_000);
});
