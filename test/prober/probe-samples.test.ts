import { setTimeout as sleep } from 'node:timers/promises';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProbeSample, PROBE_SAMPLES_TOPIC, type ProbeSampled } from '@kt/contracts';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { startSims } from '../gateway/gateway.fixture.js';
import { ProberUnderTest, testTag, TopicLog } from './prober.fixture.js';

const tag = testTag('samples');
const openai = `openai-${tag}`;
const azure = `azure-${tag}`;
const anthropic = `anthropic-${tag}`;
const added = `added-${tag}`;

const pack = (extraTarget = ''): string => `
pack: { name: probe-samples, version: "1.0.0", enabled: true }
providers:
  health_check: { interval_seconds: 0.5, timeout_ms: 1000, kind: models }
  model_groups:
    - name: chat
      targets: [${openai}, ${azure}, ${anthropic}]
  targets:
    - id: ${openai}
      provider: openai:chat:gpt-4o-mini
      secret_key_ref: { env: OPENAI_API_KEY }
    - id: ${azure}
      provider: azure:chat:gpt-4o-mini
      secret_key_ref: { env: AZURE_OPENAI_API_KEY }
    - id: ${anthropic}
      provider: anthropic:chat:claude-3-5-haiku-20241022
      secret_key_ref: { env: TEST_UNSET_ANTHROPIC_KEY }
${extraTarget}`;

describe('prober samples', () => {
  let sims: Simulators;
  let prober: ProberUnderTest;
  let samples: TopicLog<ProbeSampled>;

  beforeAll(async () => {
    sims = await startSims();
    samples = await TopicLog.start(PROBE_SAMPLES_TOPIC, decodeProbeSample, (s) => s.target.endsWith(tag));
    prober = await ProberUnderTest.start(sims, { pack: pack(), instanceId: tag, group: `kt-prober-${tag}` });
    await samples.waitFor((s) => s.target === openai, 0, 30_000);
  }, 60_000);

  afterAll(async () => {
    await prober?.stop();
    await samples?.stop();
    await sims?.stop();
  });

  it('publishes a sample of every target at about the configured interval, with latency and status', async () => {
    const from = Date.now();
    await sleep(3_000);
    for (const [target, provider] of [
      [openai, 'openai'],
      [azure, 'azure'],
    ] as const) {
      const taken = samples.since(from, (s) => s.target === target);
      // 3 s at 0.5 s ± 10 %: about six samples.
      expect(taken.length).toBeGreaterThanOrEqual(4);
      expect(taken.length).toBeLessThanOrEqual(8);
      for (const sample of taken) {
        expect(sample).toMatchObject({ provider, kind: 'models', ok: true, status: 200, error_kind: null });
        expect(sample.latency_ms).toBeGreaterThan(0);
        expect(sample.prober.instance_id).toBe(tag);
      }
    }
    expect(sims.stats().azure.endpoints['models.list']).toBeGreaterThan(0);
  });

  it('reports a target whose secret is unset as unavailable and never calls it', () => {
    const taken = samples.since(0, (s) => s.target === anthropic);
    expect(taken.length).toBeGreaterThan(2);
    for (const sample of taken) {
      expect(sample).toMatchObject({ ok: false, error_kind: 'unavailable', status: 0, latency_ms: 0 });
    }
    expect(sims.stats().anthropic.total).toBe(0);
  });

  it('turns samples of a target in outage ok: false within one interval, and back on recovery', async () => {
    await sims.setFaults('openai', { outage: true });
    const down = Date.now();
    const failed = await samples.waitFor((s) => s.target === openai && !s.ok, down, 5_000);
    expect(failed.value).toMatchObject({ error_kind: 'connection_error', status: 0 });
    // One interval (0.5 s + jitter) plus the publish and consume path.
    expect(failed.atMs - down).toBeLessThan(2_000);
    expect(samples.since(down, (s) => s.target === azure).every((s) => s.ok)).toBe(true);

    await sims.setFaults('openai', {});
    const up = Date.now();
    const recovered = await samples.waitFor((s) => s.target === openai && s.ok, up, 5_000);
    expect(recovered.atMs - up).toBeLessThan(2_000);
  });

  it('reports a target that does not answer within timeout_ms as timed out', async () => {
    await sims.setFaults('azure', { hang: true });
    const hung = Date.now();
    const failed = await samples.waitFor((s) => s.target === azure && !s.ok, hung, 5_000);
    expect(failed.value).toMatchObject({ error_kind: 'timeout', status: 0 });
    expect(failed.value.latency_ms).toBeGreaterThanOrEqual(1_000);
    await sims.setFaults('azure', {});
    await samples.waitFor((s) => s.target === azure && s.ok, Date.now(), 5_000);
  });

  it('records the probes on /metrics', async () => {
    const text = await fetch(`${prober.url}/metrics`).then((r) => r.text());
    expect(text).toMatch(
      new RegExp(`kt_probe_results_total\\{[^}]*target="${openai}"[^}]*ok="true"[^}]*\\} [1-9]`),
    );
    expect(text).toMatch(new RegExp(`kt_probe_results_total\\{[^}]*target="${anthropic}"[^}]*ok="false"`));
    expect(text).toMatch(new RegExp(`kt_probe_latency_seconds_count\\{[^}]*target="${azure}"`));
    expect(text).not.toContain(sims.keys.openai);
  });

  it('starts probing a target added to the pack file', async () => {
    const extra = `    - id: ${added}
      provider: openai:chat:gpt-4.1
      secret_key_ref: { env: OPENAI_API_KEY }
      health_check: { interval_seconds: 1 }
`;
    const from = Date.now();
    writeFileSync(prober.packPath, pack(extra).replace('version: "1.0.0"', 'version: "1.1.0"'));
    const first = await samples.waitFor((s) => s.target === added, from, 10_000);
    expect(first.value).toMatchObject({ ok: true, provider: 'openai', status: 200 });
  });
});
