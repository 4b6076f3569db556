import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafka, createProducer, ensureTopics, type BusProducer } from '@kt/bus';
import {
  createEventId,
  encodeEvent,
  PROBE_SAMPLES_TOPIC,
  PROBE_SCHEMA,
  topicConfigs,
  utcNow,
  type ProbeSampled,
} from '@kt/contracts';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { kafkaBrokers } from '../setup/infra.js';
import { chatBody, GATEWAY_KEY, GatewayUnderTest, requestId, startSims } from './gateway.fixture.js';

const PACK = `
pack: { name: health-test, version: "1.0.0", enabled: true }
providers:
  routing: { strategy: lowest_latency, min_sample_count: 3, window_seconds: 3 }
  fallback: { enabled: true, retry: { max_retries: 0 } }
  circuit_breaker: { failure_threshold: 2, cooldown_seconds: 60, half_open_max_requests: 1 }
  health_check: { interval_seconds: 5 }
  model_groups:
    - name: fast-llm
      targets: [openai-main, azure-secondary]
    - name: rr-llm
      strategy: round_robin
      targets: [openai-main, azure-secondary]
    - name: spare-llm
      targets: [anthropic-spare]
  targets:
    - id: openai-main
      provider: openai:chat:gpt-5.4-mini
      secret_key_ref: { env: OPENAI_API_KEY }
    - id: azure-secondary
      provider: azure:chat:gpt-5.4-mini
      secret_key_ref: { env: AZURE_OPENAI_API_KEY }
    - id: anthropic-spare
      provider: anthropic:chat:claude-3-5-sonnet-20241022
      secret_key_ref: { env: ANTHROPIC_API_KEY }
`;
const VENDOR = {
  'openai-main': 'openai',
  'azure-secondary': 'azure',
  'anthropic-spare': 'anthropic',
} as const;
type TargetId = keyof typeof VENDOR;

interface TargetRow {
  readonly id: string;
  readonly health: { readonly ok: boolean; readonly source: string } | null;
  readonly breaker: { readonly state: string };
  readonly latency: { readonly count: number };
}

/** Publishes probe samples as the prober does. */
function probe(target: TargetId, ok: boolean, latencyMs = 15): ProbeSampled {
  const facts = {
    schema: PROBE_SCHEMA,
    type: 'probe.sampled',
    sample_id: createEventId(),
    observed_at: utcNow(),
    target,
    provider: VENDOR[target],
    kind: 'completion',
    latency_ms: latencyMs,
    prober: { instance_id: 'test-prober' },
  } as const;
  return ok
    ? { ...facts, ok: true, error_kind: null, status: 200 }
    : { ...facts, ok: false, error_kind: 'service_unavailable', status: 503 };
}

async function targets(gateway: GatewayUnderTest): Promise<Map<string, TargetRow>> {
  const answer = await fetch(`${gateway.url}/v1/targets`, {
    headers: { authorization: `Bearer ${GATEWAY_KEY}` },
  });
  expect(answer.status).toBe(200);
  const body = (await answer.json()) as { targets: TargetRow[] };
  return new Map(body.targets.map((row) => [row.id, row]));
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<number> {
  const began = Date.now();
  while (!(await check())) {
    if (Date.now() - began > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await sleep(100);
  }
  return Date.now() - began;
}

async function servedBy(gateway: GatewayUnderTest, model: string, count: number): Promise<string[]> {
  const served: string[] = [];
  for (let i = 0; i < count; i++) {
    const answer = await gateway.post('/v1/chat/completions', chatBody(model), requestId('health'));
    expect(answer.status).toBe(200);
    served.push(answer.headers.get('x-kt-target') ?? '');
    await answer.arrayBuffer();
  }
  return served;
}

describe('probe-driven health and shared breakers', () => {
  let sims: Simulators;
  let a: GatewayUnderTest;
  let b: GatewayUnderTest;
  let producer: BusProducer;
  const publish = (sample: ProbeSampled): Promise<unknown> =>
    producer.send(PROBE_SAMPLES_TOPIC, [{ key: sample.target, value: encodeEvent(sample) }]);

  beforeAll(async () => {
    sims = await startSims();
    const kafka = createKafka({ clientId: 'kt-test-prober', brokers: kafkaBrokers() });
    await ensureTopics(kafka, topicConfigs());
    producer = createProducer(kafka);
    await producer.connect();
    [a, b] = await Promise.all([
      GatewayUnderTest.start(sims, { pack: PACK, env: { KT_INSTANCE_ID: 'gw-a' } }),
      GatewayUnderTest.start(sims, { pack: PACK, env: { KT_INSTANCE_ID: 'gw-b' } }),
    ]);
    // Both gateways follow the topic once each has heard a sample (their consumers join asynchronously).
    await until(
      'both gateways follow kt.probe-samples.v1',
      async () => {
        await publish(probe('anthropic-spare', true));
        const [ta, tb] = await Promise.all([targets(a), targets(b)]);
        return ta.get('anthropic-spare')?.health !== null && tb.get('anthropic-spare')?.health !== null;
      },
      60_000,
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await producer?.disconnect();
    await sims?.stop();
  });

  it('refuses GET /v1/targets without a gateway key', async () => {
    const answer = await fetch(`${a.url}/v1/targets`);
    expect(answer.status).toBe(401);
  });

  it('moves lowest_latency traffic to the fast target within the window, and back when latencies swap', async () => {
    await sims.reset();
    await sims.setFaults('openai', { latency: 200 });
    await sims.setFaults('azure', { latency: 20 });
    const share = (served: readonly string[], id: string): number =>
      served.filter((t) => t === id).length / served.length;
    await until(
      'traffic moves to azure-secondary',
      async () => share(await servedBy(a, 'fast-llm', 20), 'azure-secondary') >= 0.7,
      30_000,
    );

    await sims.setFaults('openai', { latency: 20 });
    await sims.setFaults('azure', { latency: 200 });
    await until(
      'traffic moves back to openai-main',
      async () => share(await servedBy(a, 'fast-llm', 20), 'openai-main') >= 0.7,
      30_000,
    );
    const last = await servedBy(a, 'fast-llm', 20);
    expect(share(last, 'openai-main')).toBeGreaterThanOrEqual(0.7);
  }, 90_000);

  it('ranks lowest_latency by probe latencies merged with its own measurements', async () => {
    await sims.reset();
    await sleep(3_100); // earlier measurements leave the 3 s window
    // The simulators answer equally fast; only the probes say openai-main is slow.
    await Promise.all(
      Array.from({ length: 10 }, () =>
        Promise.all([publish(probe('openai-main', true, 900)), publish(probe('azure-secondary', true, 5))]),
      ),
    );
    await until('gateway A holds the probe latencies', async () => {
      const rows = await targets(a);
      return (
        (rows.get('openai-main')?.latency.count ?? 0) >= 10 &&
        (rows.get('azure-secondary')?.latency.count ?? 0) >= 10
      );
    });
    const served = await servedBy(a, 'fast-llm', 10);
    expect(served.filter((t) => t === 'azure-secondary').length).toBeGreaterThanOrEqual(9);
  }, 30_000);

  it('skips a target reported down before any request reaches it, and serves it again after a recovery sample', async () => {
    await sims.reset();
    await publish(probe('azure-secondary', false));
    await until(
      'gateway A hears azure-secondary is down',
      async () => (await targets(a)).get('azure-secondary')?.health?.ok === false,
    );
    expect((await targets(a)).get('azure-secondary')?.breaker.state).toBe('open');

    const served = await servedBy(a, 'rr-llm', 10);
    expect(new Set(served)).toEqual(new Set(['openai-main']));
    expect(sims.stats().azure.endpoints['chat.completions'] ?? 0).toBe(0);

    await publish(probe('azure-secondary', true));
    await until(
      'gateway A hears azure-secondary is healthy',
      async () => (await targets(a)).get('azure-secondary')?.health?.ok === true,
    );
    expect(await servedBy(a, 'rr-llm', 4)).toContain('azure-secondary');
  }, 60_000);

  it('gives two gateways the same health within one probe interval of an outage', async () => {
    await publish(probe('openai-main', false));
    const elapsed = await until('both gateways see openai-main down', async () => {
      const [ta, tb] = await Promise.all([targets(a), targets(b)]);
      return ta.get('openai-main')?.health?.ok === false && tb.get('openai-main')?.health?.ok === false;
    });
    expect(elapsed).toBeLessThan(5_000); // the pack's health_check.interval_seconds
    const [ta, tb] = await Promise.all([targets(a), targets(b)]);
    expect(ta.get('openai-main')).toMatchObject({
      breaker: { state: 'open' },
      health: { source: 'test-prober' },
    });
    expect(tb.get('openai-main')).toMatchObject({
      breaker: { state: 'open' },
      health: { source: 'test-prober' },
    });

    await publish(probe('openai-main', true));
    await until('both gateways see openai-main healthy', async () => {
      const [ra, rb] = await Promise.all([targets(a), targets(b)]);
      return ra.get('openai-main')?.health?.ok === true && rb.get('openai-main')?.health?.ok === true;
    });
  }, 30_000);

  it('opens a target on gateway B when gateway A’s breaker opens on it', async () => {
    await sims.reset();
    await sims.setFaults('azure', { errorRate: 1, errorStatus: 500 });
    // A's requests still succeed through fallback while azure fails twice and A's breaker opens.
    await servedBy(a, 'rr-llm', 4);
    expect((await targets(a)).get('azure-secondary')?.breaker.state).toBe('open');
    await until(
      'gateway B opens its breaker of azure-secondary',
      async () => (await targets(b)).get('azure-secondary')?.breaker.state === 'open',
    );

    await sims.reset();
    const served = await servedBy(b, 'rr-llm', 6);
    expect(new Set(served)).toEqual(new Set(['openai-main']));
    expect(sims.stats().azure.endpoints['chat.completions'] ?? 0).toBe(0);
  }, 60_000);
});
