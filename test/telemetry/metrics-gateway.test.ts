import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { chatBody, GatewayUnderTest, requestId, startSims } from '../gateway/gateway.fixture.js';
import { Exposition } from './metrics.scrape.js';

// Ordered primary → secondary, no retries, and a breaker that opens after three failures and stays open.
const PACK = `
pack: { name: metrics, version: "1.0.0", enabled: true }
providers:
  routing: { strategy: ordered }
  fallback:
    enabled: true
    retry: { max_retries: 0 }
  circuit_breaker: { failure_threshold: 3, cooldown_seconds: 300, half_open_max_requests: 1 }
  model_groups:
    - name: chat
      targets: [primary, secondary]
  targets:
    - id: primary
      provider: openai:chat:gpt-4o-mini
      secret_key_ref: { env: OPENAI_API_KEY }
    - id: secondary
      provider: azure:chat:gpt-4o-mini
      secret_key_ref: { env: AZURE_OPENAI_API_KEY }
`;

const GATEWAY_FAMILIES = {
  kt_gateway_requests_total: 'counter',
  kt_gateway_request_duration_seconds: 'histogram',
  kt_gateway_overhead_seconds: 'histogram',
  kt_gateway_upstream_attempts_total: 'counter',
  kt_gateway_upstream_duration_seconds: 'histogram',
  kt_gateway_fallbacks_total: 'counter',
  kt_gateway_circuit_breaker_state: 'gauge',
  kt_gateway_event_spool_records: 'gauge',
  kt_gateway_event_spool_bytes: 'gauge',
  kt_gateway_event_queue_records: 'gauge',
} as const;

describe('the gateway /metrics', () => {
  let sims: Simulators;
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    sims = await startSims();
    gateway = await GatewayUnderTest.start(sims, { pack: PACK });
  }, 60_000);

  afterAll(async () => {
    await gateway?.stop();
    await sims?.stop();
  });

  const chat = async (): Promise<Response> => {
    const answer = await gateway.post('/v1/chat/completions', chatBody('chat'), requestId('metrics'));
    await answer.arrayBuffer();
    return answer;
  };

  it('counts requests, fallbacks and breaker state as the traffic happened, in valid exposition format', async () => {
    const before = await Exposition.scrape(gateway.url);
    expect(before.contentType).toMatch(/^text\/plain; version=0\.0\.4/);

    for (let i = 0; i < 3; i++) expect((await chat()).headers.get('x-kt-target')).toBe('primary');
    await sims.setFaults('openai', { errorRate: 1, errorStatus: 503 });
    // Three failures on the primary: each falls back to the secondary, the third opens the breaker.
    for (let i = 0; i < 3; i++) expect((await chat()).headers.get('x-kt-target')).toBe('secondary');
    // The primary is now skipped without a call: served by the secondary, no fallback.
    expect((await chat()).headers.get('x-kt-target')).toBe('secondary');
    const unauthorized = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chatBody('chat')),
    });
    expect(unauthorized.status).toBe(401);

    const metrics = await Exposition.scrape(gateway.url);
    for (const [name, type] of Object.entries(GATEWAY_FAMILIES)) expect(metrics.type(name), name).toBe(type);
    expect(metrics.conventionViolations()).toEqual([]);

    const requests = 'kt_gateway_requests_total';
    expect(metrics.value(requests, { target: 'primary', provider: 'openai', status: '200' })).toBe(3);
    expect(metrics.value(requests, { target: 'secondary', provider: 'azure', status: '200' })).toBe(4);
    expect(metrics.value(requests, { target: 'none', status: '401' })).toBe(1);
    expect(metrics.value(requests)).toBe(8);
    expect(metrics.histogramCount('kt_gateway_request_duration_seconds', { target: 'primary' })).toBe(3);
    expect(metrics.histogramCount('kt_gateway_request_duration_seconds', { target: 'secondary' })).toBe(4);
    expect(metrics.histogramCount('kt_gateway_overhead_seconds')).toBe(8);

    const attempts = 'kt_gateway_upstream_attempts_total';
    expect(metrics.value(attempts, { target: 'primary', outcome: 'ok' })).toBe(3);
    expect(metrics.value(attempts, { target: 'primary', outcome: 'service_unavailable' })).toBe(3);
    expect(metrics.value(attempts, { target: 'secondary', outcome: 'ok' })).toBe(4);
    expect(metrics.histogramCount('kt_gateway_upstream_duration_seconds', { target: 'primary' })).toBe(6);

    expect(metrics.samples('kt_gateway_fallbacks_total')).toEqual([
      {
        labels: { group: 'chat', from_target: 'primary', to_target: 'secondary', service: 'gateway' },
        value: 3,
      },
    ]);
    expect(metrics.value('kt_gateway_circuit_breaker_state', { target: 'primary', provider: 'openai' })).toBe(
      2,
    );
    expect(
      metrics.value('kt_gateway_circuit_breaker_state', { target: 'secondary', provider: 'azure' }),
    ).toBe(0);
    // Kafka is up: the events are sent, nothing waits on disk.
    expect(metrics.value('kt_gateway_event_spool_records')).toBe(0);
  });

  it('shows route events piling up in the spool while Kafka is unreachable', async () => {
    const cut = await GatewayUnderTest.start(sims, { pack: PACK, kafkaBrokers: '127.0.0.1:1' });
    try {
      await sims.reset();
      for (let i = 0; i < 3; i++) {
        const answer = await cut.post('/v1/chat/completions', chatBody('chat'), requestId('spooled'));
        expect(answer.status).toBe(200);
        await answer.arrayBuffer();
      }
      let metrics = await Exposition.scrape(cut.url);
      for (const deadline = Date.now() + 15_000; Date.now() < deadline; await sleep(250)) {
        metrics = await Exposition.scrape(cut.url);
        if (metrics.value('kt_gateway_event_spool_records') >= 3) break;
      }
      expect(metrics.value('kt_gateway_event_spool_records')).toBe(3);
      expect(metrics.value('kt_gateway_event_spool_bytes')).toBeGreaterThan(0);
    } finally {
      await cut.stop();
    }
  }, 60_000);
});
