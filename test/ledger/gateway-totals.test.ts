import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEvent } from '@kt/contracts';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import {
  chatBody,
  GATEWAY_KEY,
  GatewayUnderTest,
  requestId,
  RouteEventLog,
} from '../gateway/gateway.fixture.js';
import { eventually, LedgerUnderTest, truthBy } from './ledger.fixture.js';
import { startBookedGateway, type BookedGateway } from './booked-gateway.fixture.js';

const run = randomUUID().slice(0, 8);
// A team of this run only, so totals filtered by it ignore other suites' traffic on the shared topic.
const team = `ledger${run}`;
let stack: BookedGateway;
let sims: Simulators;
let gateway: GatewayUnderTest;
let log: RouteEventLog;
let ledger: LedgerUnderTest;

beforeAll(async () => {
  stack = await startBookedGateway('ledger_gw', { env: { KT_API_KEYS: `${GATEWAY_KEY}:${team}` } });
  ({ sims, gateway, log, ledger } = stack);
});

afterAll(async () => {
  await stack?.stop();
});

const bookedOn = (e: RouteEvent) => e.served ?? e.attempts.at(-1);

describe('ledger totals behind a real gateway', () => {
  it('equal the route events of a mixed traffic exactly, per provider, group, team and key', async () => {
    const ids: string[] = [];
    const send = async (n: number, model = 'gpt-5.4-mini'): Promise<void> => {
      for (let i = 0; i < n; i += 1) {
        const id = requestId('ledger');
        ids.push(id);
        await (await gateway.post('/v1/chat/completions', chatBody(model), id)).text();
      }
    };
    await send(20);
    await sims.setFaults('openai', { outage: true });
    await send(8);
    await sims.setFaults('openai', {});
    await sims.setFaults('azure', { errorRate: 1, errorStatus: 500 });
    await send(6);
    await sims.setFaults('azure', {});
    await send(3, 'no-such-model');
    const events = await log.waitFor(ids);
    expect(events).toHaveLength(ids.length);
    expect(events.some((e) => e.cost.micro_usd !== '0')).toBe(true);
    expect(new Set(events.map((e) => e.served?.provider ?? e.type)).size).toBeGreaterThanOrEqual(3);

    const cases: [string, (e: RouteEvent) => string][] = [
      ['provider', (e) => bookedOn(e)?.provider ?? ''],
      ['group', (e) => e.group ?? ''],
      ['team', (e) => e.caller?.team ?? ''],
      ['key', (e) => e.caller?.key_id ?? ''],
    ];
    for (const [by, pick] of cases) {
      const want = truthBy(events, pick);
      const got = await eventually(
        () => ledger.totals(by, { team }),
        (t) => JSON.stringify(t) === JSON.stringify(want),
        30_000,
      );
      expect(got, `totals by ${by}`).toEqual(want);
    }
  });
});
