import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { chatBody, GatewayUnderTest, requestId, RouteEventLog, startSims } from './gateway.fixture.js';

const PACK = `
pack: { name: data-policy-test, version: "1.0.0", enabled: true }
providers:
  routing: { strategy: ordered }
  fallback: { enabled: true, retry: { max_retries: 0 } }
  circuit_breaker: { failure_threshold: 50, cooldown_seconds: 30 }
  model_groups:
    - name: mixed-llm
      fallback_group: backup-llm
      targets: [openai-zdr, azure-plain]
    - name: plain-llm
      targets: [azure-plain]
    - name: private-llm
      data_policy: { require_zero_data_retention: true }
      fallback_group: backup-llm
      targets: [openai-zdr]
    - name: backup-llm
      targets: [anthropic-30d]
  targets:
    - id: openai-zdr
      provider: openai:chat:gpt-5.4-mini
      secret_key_ref: { env: OPENAI_API_KEY }
      data_policy: { zero_data_retention: true, training_opt_out: true }
    - id: azure-plain
      provider: azure:chat:gpt-5.4-mini
      secret_key_ref: { env: AZURE_OPENAI_API_KEY }
    - id: anthropic-30d
      provider: anthropic:chat:claude-3-5-sonnet-20241022
      secret_key_ref: { env: ANTHROPIC_API_KEY }
      data_policy: { training_opt_out: true, retention_days: 30 }
`;

describe('data policy routing', () => {
  let sims: Simulators;
  let gateway: GatewayUnderTest;
  let events: RouteEventLog;

  beforeAll(async () => {
    sims = await startSims();
    events = await RouteEventLog.start();
    gateway = await GatewayUnderTest.start(sims, { pack: PACK });
  }, 60_000);

  afterAll(async () => {
    await gateway?.stop();
    await events?.stop();
    await sims?.stop();
  });

  beforeEach(async () => {
    await sims.reset();
  });

  const calls = (vendor: 'openai' | 'azure' | 'anthropic'): number =>
    sims.stats()[vendor].endpoints['chat.completions'] ?? 0;

  it('never sends a ZDR request to a non-ZDR target, even when every compliant target fails', async () => {
    await sims.setFaults('openai', { errorRate: 1, errorStatus: 500 });
    for (let i = 0; i < 3; i++) {
      const id = requestId('zdr');
      const answer = await gateway.post('/v1/chat/completions', chatBody('mixed-llm'), id, {
        'x-kt-data-policy': 'zdr',
      });
      expect(answer.status).toBe(502);
      const event = await events.one(id);
      expect(event.attempts.map((a) => a.target)).toEqual(['openai-zdr']);
    }
    expect(calls('openai')).toBe(3);
    expect(calls('azure')).toBe(0);
    expect(calls('anthropic')).toBe(0);
  });

  it('keeps a group’s own policy across its fallback group', async () => {
    await sims.setFaults('openai', { errorRate: 1, errorStatus: 500 });
    const answer = await gateway.post('/v1/chat/completions', chatBody('private-llm'), requestId('grp'));
    expect(answer.status).toBe(502);
    expect(calls('anthropic')).toBe(0);
  });

  it.each([
    ['zdr', 'plain-llm', 'zero data retention'],
    ['no-training', 'plain-llm', 'no training on the data'],
    ['max-retention=7', 'mixed-llm', 'retention ≤ 7 days'],
  ])(
    'answers 422 data_policy_violation naming "%s" when no target of %s qualifies',
    async (header, model, named) => {
      await sims.setFaults('openai', { outage: true });
      const id = requestId('dp');
      const answer = await gateway.post('/v1/chat/completions', chatBody(model), id, {
        'x-kt-data-policy': header,
      });
      const body = (await answer.json()) as { error: { code: string; message: string } };
      if (model === 'mixed-llm') {
        // openai-zdr qualifies but is down: a 5xx, still never a non-compliant call.
        expect(answer.status).toBeGreaterThanOrEqual(500);
      } else {
        expect(answer.status).toBe(422);
        expect(body.error.code).toBe('data_policy_violation');
        expect(body.error.message).toContain(named);
        expect((await events.one(id)).type).toBe('route.rejected');
      }
      expect(calls('azure')).toBe(0);
      expect(calls('anthropic')).toBe(0);
    },
  );

  it('sends a no-training request with a 30-day limit to a compliant fallback target', async () => {
    await sims.setFaults('openai', { errorRate: 1, errorStatus: 500 });
    const answer = await gateway.post('/v1/chat/completions', chatBody('mixed-llm'), requestId('fb'), {
      'x-kt-data-policy': 'no-training, max-retention=30',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-kt-target')).toBe('anthropic-30d');
    expect(calls('azure')).toBe(0);
  });

  it('refuses a malformed x-kt-data-policy header with 400 naming it', async () => {
    const answer = await gateway.post('/v1/chat/completions', chatBody('mixed-llm'), requestId('bad'), {
      'x-kt-data-policy': 'gdpr',
    });
    expect(answer.status).toBe(400);
    const body = (await answer.json()) as { error: { param: string; message: string } };
    expect(body.error).toMatchObject({ param: 'x-kt-data-policy' });
    expect(body.error.message).toContain('gdpr');
  });
});
