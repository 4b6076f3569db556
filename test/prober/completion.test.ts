import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeProbeSample,
  decodeRouteEvent,
  PROBE_SAMPLES_TOPIC,
  ROUTE_EVENTS_TOPIC,
  type ProbeSampled,
  type RouteEvent,
} from '@kt/contracts';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { startSims } from '../gateway/gateway.fixture.js';
import { ProberUnderTest, testTag, TopicLog } from './prober.fixture.js';

const tag = testTag('completion');
const target = `anthropic-${tag}`;

const pack = `
pack: { name: probe-completion, version: "2.0.0", enabled: true }
providers:
  health_check: { interval_seconds: 0.5, timeout_ms: 2000 }
  model_groups:
    - name: chat
      targets: [${target}]
  targets:
    - id: ${target}
      provider: anthropic:chat:claude-3-5-haiku-20241022
      secret_key_ref: { env: ANTHROPIC_API_KEY }
      pricing: { input_per_million: 1.00, output_per_million: 5.00 }
      health_check: { kind: completion }
`;

describe('completion probes', () => {
  let sims: Simulators;
  let prober: ProberUnderTest;
  let samples: TopicLog<ProbeSampled>;
  let routes: TopicLog<RouteEvent>;

  beforeAll(async () => {
    sims = await startSims();
    samples = await TopicLog.start(PROBE_SAMPLES_TOPIC, decodeProbeSample, (s) => s.target === target);
    routes = await TopicLog.start(
      ROUTE_EVENTS_TOPIC,
      decodeRouteEvent,
      (e) => e.gateway.instance_id === `prober:${tag}`,
    );
    prober = await ProberUnderTest.start(sims, { pack, instanceId: tag, group: `kt-prober-${tag}` });
  }, 60_000);

  afterAll(async () => {
    await prober?.stop();
    await routes?.stop();
    await samples?.stop();
    await sims?.stop();
  });

  it('sends a 1-token request and publishes its cost as a route event attributed to the prober', async () => {
    const sample = await samples.waitFor(() => true, 0, 30_000);
    expect(sample.value).toMatchObject({ kind: 'completion', ok: true, status: 200, provider: 'anthropic' });

    const { value: event } = await routes.waitFor(() => true, 0, 15_000);
    expect(event).toMatchObject({
      type: 'route.completed',
      endpoint: 'chat.completions',
      caller: { key_id: 'prober', team: 'kt-prober' },
      requested_model: 'claude-3-5-haiku-20241022',
      served: { target, provider: 'anthropic' },
      pack: { name: 'probe-completion', version: '2.0.0' },
      cost: { currency: 'USD', priced_by: 'pack' },
    });
    expect(event.usage.output_tokens).toBeLessThanOrEqual(1);
    expect(event.usage.input_tokens).toBeGreaterThan(0);
    expect(BigInt(event.cost.micro_usd)).toBeGreaterThan(0n);
    expect(event.attempts).toHaveLength(1);
    expect(sims.stats().anthropic.endpoints['messages']).toBeGreaterThan(0);
    expect(sims.stats().anthropic.endpoints['models.list'] ?? 0).toBe(0);
  });

  it('shows the price catalog it prices with on /metrics', async () => {
    const metrics = await (await fetch(`${prober.url}/metrics`)).text();
    expect(metrics).toMatch(
      /^kt_price_catalog_info\{name="@pydantic\/genai-prices",version="0\.1\.8"[^}]*\} 1$/m,
    );
  });
});
