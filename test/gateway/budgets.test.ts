import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKafka, createProducer, ensureTopics, type BusProducer } from '@kt/bus';
import {
  BUDGET_STATE_TOPIC,
  decodeBudgetState,
  encodeEvent,
  topicConfigs,
  type BudgetState,
} from '@kt/contracts';
import { budgetState } from '../../apps/gateway/src/budgets/budget.fixture.js';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { startOwnBroker, type OwnBroker } from '../bus/publisher.fixture.js';
import {
  chatBody,
  GATEWAY_KEY,
  GatewayUnderTest,
  requestId,
  RouteEventLog,
  SEED_PACK,
  startSims,
} from './gateway.fixture.js';

// The seed pack plus one budget_aware group over the same two targets.
const PACK = SEED_PACK.replace(
  '  model_groups:\n',
  '  model_groups:\n    - name: headroom-llm\n      strategy: budget_aware\n      targets: [openai-main, azure-secondary]\n',
);
const EXHAUSTED = { status: 'exhausted', spent_micro_usd: '10000001', remaining_micro_usd: '-1' } as const;

interface ErrorBody {
  readonly error?: { readonly code: string; readonly message: string };
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(100);
  }
}

// Exhausted provider budgets would starve every other gateway test, so this runs on a broker of its own.
describe('budget enforcement from kt.budget-state.v1', () => {
  let broker: OwnBroker;
  let sims: Simulators;
  let gateway: GatewayUnderTest;
  let events: RouteEventLog;
  let producer: BusProducer;
  /** Budgets published and not removed yet: afterEach removes them, so a failed test leaves none behind. */
  const live = new Map<string, BudgetState>();

  /** Publishes a state as the ledger does (checked against the decoder first). */
  const publish = async (state: BudgetState): Promise<void> => {
    const value = encodeEvent(state);
    expect(decodeBudgetState(value)).toEqual({ ok: true, value: state });
    await producer.send(BUDGET_STATE_TOPIC, [{ key: state.budget_id, value }]);
    if (state.deleted) live.delete(state.budget_id);
    else live.set(state.budget_id, state);
  };
  /** Deletes a budget as the ledger does: a last `deleted: true` state, then a tombstone. */
  const remove = async (state: BudgetState): Promise<void> => {
    await publish({ ...state, deleted: true });
    await producer.send(BUDGET_STATE_TOPIC, [{ key: state.budget_id, value: null }]);
  };
  const budgetOf = async (target: string): Promise<string> => {
    const answer = await fetch(`${gateway.url}/v1/targets`, {
      headers: { authorization: `Bearer ${GATEWAY_KEY}` },
    });
    const body = (await answer.json()) as { targets: { id: string; budget: string }[] };
    return body.targets.find((t) => t.id === target)?.budget ?? 'missing';
  };
  const servedBy = async (model: string, count: number): Promise<string[]> => {
    const served: string[] = [];
    for (let i = 0; i < count; i++) {
      const answer = await gateway.post('/v1/chat/completions', chatBody(model), requestId('budget'));
      expect(answer.status).toBe(200);
      served.push(answer.headers.get('x-kt-target') ?? '');
      await answer.arrayBuffer();
    }
    return served;
  };
  const chatCalls = (vendor: 'openai' | 'azure' | 'anthropic'): number =>
    sims.stats()[vendor].endpoints['chat.completions'] ?? 0;

  beforeAll(async () => {
    expect(PACK).toContain('name: headroom-llm');
    broker = await startOwnBroker();
    const kafka = createKafka({ clientId: 'kt-test-ledger', brokers: broker.brokers });
    await ensureTopics(kafka, topicConfigs());
    producer = createProducer(kafka);
    await producer.connect();
    sims = await startSims();
    // A budget published before the gateway starts must be learnt from the compacted topic.
    const early = budgetState(`early-${randomUUID()}`, 'target:azure-secondary', { status: 'warning' });
    await publish(early);
    [gateway, events] = await Promise.all([
      GatewayUnderTest.start(sims, { pack: PACK, kafkaBrokers: broker.brokers }),
      RouteEventLog.start(broker.brokers),
    ]);
    await until(
      'the gateway learns the budget published before it started',
      async () => {
        return (await budgetOf('azure-secondary')) === 'warning';
      },
      60_000,
    );
    await remove(early);
    await until(
      'the deleted budget leaves the view',
      async () => (await budgetOf('azure-secondary')) === 'none',
    );
  }, 120_000);

  afterEach(async () => {
    for (const state of [...live.values()]) await remove(state);
  });

  afterAll(async () => {
    await gateway?.stop();
    await events?.stop();
    await producer?.disconnect();
    await sims?.stop();
    await broker?.destroy();
  });

  it('moves seed-pack traffic off openai while its block budget is exhausted, and back when it is ok', async () => {
    const openai = budgetState(`openai-${randomUUID()}`, 'provider:openai', EXHAUSTED);
    await publish(openai);
    await until('openai-main shows exhausted', async () => (await budgetOf('openai-main')) === 'exhausted');
    await sims.reset();
    const blocked = await servedBy('production-llm', 20);
    expect(new Set(blocked)).toEqual(new Set(['azure-secondary']));
    expect(chatCalls('openai')).toBe(0);

    await publish({ ...openai, status: 'ok', spent_micro_usd: '0', remaining_micro_usd: '10000000' });
    await until('openai-main shows ok', async () => (await budgetOf('openai-main')) === 'ok');
    // Weights 7:3: twenty requests without openai would happen with probability 0.3^20.
    const open = await servedBy('production-llm', 20);
    expect(open).toContain('openai-main');
  }, 60_000);

  it('answers 402 naming a budget when provider budgets block every candidate, fallback included', async () => {
    const blocks = ['openai', 'azure', 'anthropic'].map((vendor) =>
      budgetState(`${vendor}-${randomUUID()}`, `provider:${vendor}`, EXHAUSTED),
    );
    for (const state of blocks) await publish(state);
    await until(
      'every target shows exhausted',
      async () =>
        (await budgetOf('openai-main')) === 'exhausted' &&
        (await budgetOf('azure-secondary')) === 'exhausted' &&
        (await budgetOf('anthropic-last-resort')) === 'exhausted',
    );
    await sims.reset();
    const id = requestId('budget-all');
    const answer = await gateway.post('/v1/chat/completions', chatBody('production-llm'), id);
    const body = (await answer.json()) as ErrorBody;
    expect(answer.status).toBe(402);
    expect(body.error?.code).toBe('budget_exceeded');
    expect(blocks.some((b) => body.error?.message.includes(b.budget_id))).toBe(true);
    expect(chatCalls('openai') + chatCalls('azure') + chatCalls('anthropic')).toBe(0);
    expect(await events.one(id)).toMatchObject({ type: 'route.rejected', error_code: 'budget_exceeded' });
    for (const state of blocks) await remove(state);
    await until('openai-main is budget-free again', async () => (await budgetOf('openai-main')) === 'none');
  }, 60_000);

  it('refuses with 402 budget_exceeded and a route.rejected event while the team budget is exhausted', async () => {
    const team = budgetState(`team-${randomUUID()}`, 'team:qa', EXHAUSTED);
    await publish(team);
    let last: { readonly id: string; readonly body: ErrorBody } | undefined;
    await until('the team budget refuses', async () => {
      const id = requestId('budget-team');
      const answer = await gateway.post('/v1/chat/completions', chatBody(), id);
      last = { id, body: (await answer.json()) as ErrorBody };
      return answer.status === 402;
    });
    expect(last?.body.error).toMatchObject({ code: 'budget_exceeded' });
    expect(last?.body.error?.message).toContain(team.budget_id);
    expect(last?.body.error?.message).toContain('team:qa');
    const event = await events.one(last!.id);
    expect(event).toMatchObject({ type: 'route.rejected', error_code: 'budget_exceeded', attempts: [] });

    await remove(team);
    await until('the team is served again', async () => {
      const answer = await gateway.post('/v1/chat/completions', chatBody(), requestId('budget-team'));
      await answer.arrayBuffer();
      return answer.status === 200;
    });
  }, 60_000);

  it('blocks nothing for exhausted alert budgets', async () => {
    const alerts = [
      budgetState(`alert-openai-${randomUUID()}`, 'provider:openai', { ...EXHAUSTED, action: 'alert' }),
      budgetState(`alert-team-${randomUUID()}`, 'team:qa', { ...EXHAUSTED, action: 'alert' }),
      budgetState(`alert-global-${randomUUID()}`, 'global', { ...EXHAUSTED, action: 'alert' }),
    ];
    for (const state of alerts) await publish(state);
    await until('openai-main shows exhausted', async () => (await budgetOf('openai-main')) === 'exhausted');
    await sleep(500); // the team and global states follow on other partitions
    const served = await servedBy('production-llm', 20);
    expect(served).toContain('openai-main');
  }, 60_000);

  it('budget_aware prefers the target with more headroom', async () => {
    const openai = budgetState(`headroom-openai-${randomUUID()}`, 'provider:openai', {
      remaining_micro_usd: '100',
    });
    // An alert budget: the seed's Azure target has no price, and the pack's default refuses an
    // unpriced target under a block budget (pricing.unpriced_under_block_budget).
    const azure = budgetState(`headroom-azure-${randomUUID()}`, 'target:azure-secondary', {
      remaining_micro_usd: '5000000',
      action: 'alert',
    });
    await publish(openai);
    await publish(azure);
    await until('both budgets are known', async () => {
      return (await budgetOf('openai-main')) === 'ok' && (await budgetOf('azure-secondary')) === 'ok';
    });
    expect(new Set(await servedBy('headroom-llm', 10))).toEqual(new Set(['azure-secondary']));

    await publish({ ...openai, remaining_micro_usd: '9000000' });
    await until('openai-main has the most headroom', async () => {
      return (await servedBy('headroom-llm', 1))[0] === 'openai-main';
    });
    expect(new Set(await servedBy('headroom-llm', 10))).toEqual(new Set(['openai-main']));
  }, 60_000);
});
