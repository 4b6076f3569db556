import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { chatBody, GATEWAY_KEY, GatewayUnderTest, requestId, startSims } from '../gateway/gateway.fixture.js';
import { ProberUnderTest } from './prober.fixture.js';

// The real prober and the real gateway, talking only through kt.probe-samples.v1.
const PACK = `
pack: { name: prober-gateway, version: "1.0.0", enabled: true }
providers:
  routing: { strategy: ordered }
  fallback: { enabled: true }
  health_check: { interval_seconds: 0.5, timeout_ms: 500, kind: models }
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

interface TargetView {
  readonly id: string;
  readonly health: { readonly ok: boolean } | null;
}

describe('prober and gateway together', () => {
  let sims: Simulators;
  let gateway: GatewayUnderTest;
  let prober: ProberUnderTest;

  const health = async (id: string): Promise<boolean | undefined> => {
    const answer = await fetch(`${gateway.url}/v1/targets`, {
      headers: { authorization: `Bearer ${GATEWAY_KEY}` },
    });
    const body = (await answer.json()) as { targets: TargetView[] };
    return body.targets.find((t) => t.id === id)?.health?.ok;
  };
  const until = async (what: string, check: () => Promise<boolean>): Promise<void> => {
    const deadline = Date.now() + 20_000;
    while (!(await check())) {
      if (Date.now() > deadline) {
        throw new Error(
          `timed out waiting until ${what}\nprober:\n${prober?.logs.join('').slice(-2000)}\ngateway:\n${gateway?.logs.join('').slice(-2000)}`,
        );
      }
      await sleep(100);
    }
  };

  beforeAll(async () => {
    sims = await startSims();
    gateway = await GatewayUnderTest.start(sims, { pack: PACK, env: { KT_INSTANCE_ID: 'gw-e2e' } });
    prober = await ProberUnderTest.start(sims, {
      pack: PACK,
      instanceId: `prober-e2e-${process.pid}`,
      group: `kt-prober-e2e-${process.pid}-${Date.now()}`,
    });
    await until(
      'the gateway has probe health for the primary',
      async () => (await health('primary')) === true,
    );
  });

  afterAll(async () => {
    await prober?.stop();
    await gateway?.stop();
    await sims?.stop();
  });

  it('skips a target the prober found down before any user request hits it, and returns to it on recovery', async () => {
    await sims.setFaults('openai', { outage: true });
    await until('the prober reports the primary down', async () => (await health('primary')) === false);
    for (let i = 0; i < 5; i++) {
      const answer = await gateway.post('/v1/chat/completions', chatBody('chat'), requestId('probed-down'));
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-kt-target')).toBe('secondary');
      // One attempt: the primary was skipped, not tried and failed over.
      expect(answer.headers.get('x-kt-attempts')).toBe('1');
    }

    await sims.setFaults('openai', {});
    await until('the prober reports the primary back', async () => (await health('primary')) === true);
    const answer = await gateway.post('/v1/chat/completions', chatBody('chat'), requestId('probed-up'));
    expect(answer.headers.get('x-kt-target')).toBe('primary');
  });
});
