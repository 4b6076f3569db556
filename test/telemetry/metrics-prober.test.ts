import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { startSims } from '../gateway/gateway.fixture.js';
import { ProberUnderTest, testTag } from '../prober/prober.fixture.js';
import { Exposition } from './metrics.scrape.js';

const tag = testTag('metrics');
const healthy = `healthy-${tag}`;
const failing = `failing-${tag}`;

const PACK = `
pack: { name: probe-metrics, version: "1.0.0", enabled: true }
providers:
  health_check: { interval_seconds: 0.5, timeout_ms: 1000, kind: models }
  model_groups:
    - name: chat
      targets: [${healthy}, ${failing}]
  targets:
    - id: ${healthy}
      provider: openai:chat:gpt-4o-mini
      secret_key_ref: { env: OPENAI_API_KEY }
    - id: ${failing}
      provider: azure:chat:gpt-4o-mini
      secret_key_ref: { env: AZURE_OPENAI_API_KEY }
`;

describe('the prober /metrics', () => {
  let sims: Simulators;
  let prober: ProberUnderTest;

  beforeAll(async () => {
    sims = await startSims();
    await sims.setFaults('azure', { errorRate: 1, errorStatus: 503 });
    prober = await ProberUnderTest.start(sims, { pack: PACK, instanceId: tag, group: `kt-prober-${tag}` });
  }, 60_000);

  afterAll(async () => {
    await prober?.stop();
    await sims?.stop();
  });

  it('counts probe results by target and outcome, with the latency of each probe that reached the upstream', async () => {
    const results = 'kt_probe_results_total';
    let metrics = await Exposition.scrape(prober.url);
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(250)) {
      metrics = await Exposition.scrape(prober.url);
      const seen = metrics.type(results) === 'counter';
      if (
        seen &&
        metrics.value(results, { target: healthy, ok: 'true' }) >= 2 &&
        metrics.value(results, { target: failing, ok: 'false' }) >= 2
      )
        break;
    }
    expect(metrics.type(results)).toBe('counter');
    expect(metrics.type('kt_probe_latency_seconds')).toBe('histogram');
    expect(metrics.conventionViolations()).toEqual([]);
    expect(metrics.type('kt_prober_event_spool_records')).toBe('gauge');
    expect(metrics.type('kt_prober_event_spool_bytes')).toBe('gauge');
    // Kafka is up: samples are sent, nothing waits on disk.
    expect(metrics.value('kt_prober_event_spool_records')).toBe(0);
    expect(
      metrics.value(results, { target: healthy, provider: 'openai', ok: 'true' }),
    ).toBeGreaterThanOrEqual(2);
    expect(metrics.value(results, { target: healthy, ok: 'false' })).toBe(0);
    expect(
      metrics.value(results, { target: failing, provider: 'azure', ok: 'false' }),
    ).toBeGreaterThanOrEqual(2);
    expect(metrics.value(results, { target: failing, ok: 'true' })).toBe(0);
    // Both upstreams answered (one with 503): every probe has its latency, read in the same scrape.
    for (const target of [healthy, failing]) {
      expect(metrics.histogramCount('kt_probe_latency_seconds', { target })).toBe(
        metrics.value(results, { target }),
      );
    }
  });
});
