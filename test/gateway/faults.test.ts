import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { chatBody, GatewayUnderTest, requestId, RouteEventLog, startSims } from './gateway.fixture.js';
import { waitForLog } from '../support/log.wait.js';

// Ordered primary → secondary with short timeouts, one retry per target and a quick breaker.
const PACK = `
pack: { name: faults, version: "1.0.0", enabled: true }
providers:
  routing: { strategy: ordered }
  fallback:
    enabled: true
    max_fallback_attempts: 1
    retry: { max_retries: 1, base_delay_ms: 20, max_delay_ms: 500 }
  circuit_breaker: { failure_threshold: 3, cooldown_seconds: 1, half_open_max_requests: 1 }
  model_groups:
    - name: chat
      targets: [primary, secondary]
  targets:
    - id: primary
      provider: openai:chat:gpt-4o-mini
      secret_key_ref: { env: OPENAI_API_KEY }
      timeout_ms: 800
    - id: secondary
      provider: azure:chat:gpt-4o-mini
      secret_key_ref: { env: AZURE_OPENAI_API_KEY }
      timeout_ms: 800
`;

describe('gateway under upstream faults', () => {
  let sims: Simulators;
  let events: RouteEventLog;
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    sims = await startSims();
    events = await RouteEventLog.start();
  });

  beforeEach(async () => {
    await sims.reset();
    gateway = await GatewayUnderTest.start(sims, { pack: PACK });
  });

  afterEach(async () => {
    await gateway?.stop();
  });

  afterAll(async () => {
    await events?.stop();
    await sims?.stop();
  });

  it('falls back when the primary answers 429 with a retry-after beyond the cap, without waiting for it', async () => {
    await sims.setFaults('openai', { errorRate: 1, errorStatus: 429, retryAfter: 30 });
    const id = requestId('429');
    const began = Date.now();
    const answer = await gateway.post('/v1/chat/completions', chatBody('chat'), id);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-kt-target')).toBe('secondary');
    expect(Date.now() - began).toBeLessThan(5_000);
    const event = await events.one(id);
    expect(event.attempts.map((a) => [a.target, a.error_kind])).toEqual([
      ['primary', 'rate_limited'],
      ['secondary', null],
    ]);
  });

  it('answers 429 rate_limited with Retry-After when every candidate is rate-limited', async () => {
    await sims.setFaults('openai', { errorRate: 1, errorStatus: 429, retryAfter: 7 });
    await sims.setFaults('azure', { errorRate: 1, errorStatus: 429, retryAfter: 9 });
    const id = requestId('all-429');
    const answer = await gateway.post('/v1/chat/completions', chatBody('chat'), id);
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect(await events.one(id)).toMatchObject({
      type: 'route.failed',
      error_code: 'rate_limited',
      status: 429,
    });
  });

  it('gives up on a hanging primary at its timeout and serves from the secondary', async () => {
    await sims.setFaults('openai', { hang: true });
    const id = requestId('hang');
    const began = Date.now();
    const answer = await gateway.post('/v1/chat/completions', chatBody('chat'), id);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-kt-target')).toBe('secondary');
    expect(Date.now() - began).toBeLessThan(3_000);
    const event = await events.one(id);
    expect(event.attempts[0]).toMatchObject({ target: 'primary', outcome: 'error', error_kind: 'timeout' });
  });

  it('answers a clean 502 within the configured time when every upstream hangs', async () => {
    await sims.setFaults('openai', { hang: true });
    await sims.setFaults('azure', { hang: true });
    const id = requestId('hang-all');
    const began = Date.now();
    const answer = await gateway.post('/v1/chat/completions', chatBody('chat'), id);
    expect(answer.status).toBe(502);
    expect(Date.now() - began).toBeLessThan(4_000);
    expect(await events.one(id)).toMatchObject({ type: 'route.failed', error_code: 'upstream_error' });
  });

  it('falls back on a malformed upstream body instead of passing it on', async () => {
    await sims.setFaults('openai', { malformed: true });
    const id = requestId('malformed');
    const answer = await gateway.post('/v1/chat/completions', chatBody('chat'), id);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-kt-target')).toBe('secondary');
    expect((await events.one(id)).attempts[0]).toMatchObject({ error_kind: 'malformed_response' });
  });

  it('falls back when a stream is cut before its first chunk reached the client', async () => {
    await sims.setFaults('openai', { streamCutAfter: 0 });
    const id = requestId('cut-early');
    const answer = await gateway.post('/v1/chat/completions', chatBody('chat', { stream: true }), id);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-kt-target')).toBe('secondary');
    const text = await answer.text();
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(await events.one(id)).toMatchObject({ type: 'route.completed', served: { target: 'secondary' } });
  });

  it('ends a stream cut after the first bytes with an SSE error event, never a silent 200', async () => {
    await sims.setFaults('openai', { streamCutAfter: 3 });
    const id = requestId('cut-late');
    const answer = await gateway.post('/v1/chat/completions', chatBody('chat', { stream: true }), id);
    expect(answer.status).toBe(200);
    const text = await answer.text();
    expect(text).toContain('"code":"upstream_error"');
    expect(text).not.toContain('[DONE]');
    const event = await events.one(id);
    expect(event).toMatchObject({ type: 'route.failed', status: 200, error_code: 'upstream_error' });
    expect(event.attempts.at(-1)).toMatchObject({ target: 'primary', error_kind: 'stream_cut' });
  });

  it('opens the breaker after the threshold, skips the target, half-opens after the cooldown and closes', async () => {
    await sims.setFaults('openai', { errorRate: 1, errorStatus: 500 });
    // Two requests, two attempts each at primary (one retry): four failures ≥ threshold 3 → open.
    for (let i = 0; i < 2; i++) {
      const answer = await gateway.post('/v1/chat/completions', chatBody('chat'), requestId('breaker-fail'));
      expect(answer.headers.get('x-kt-target')).toBe('secondary');
    }
    const openCalls = sims.stats().openai.total;
    const skipped = requestId('breaker-open');
    const whileOpen = await gateway.post('/v1/chat/completions', chatBody('chat'), skipped);
    expect(whileOpen.headers.get('x-kt-target')).toBe('secondary');
    expect(sims.stats().openai.total).toBe(openCalls);
    expect((await events.one(skipped)).attempts[0]).toMatchObject({
      target: 'primary',
      error_kind: 'circuit_open',
    });

    await sims.setFaults('openai', {});
    await sleep(1_100);
    const trial = await gateway.post('/v1/chat/completions', chatBody('chat'), requestId('breaker-trial'));
    expect(trial.headers.get('x-kt-target')).toBe('primary');
    const closed = await gateway.post('/v1/chat/completions', chatBody('chat'), requestId('breaker-closed'));
    expect(closed.headers.get('x-kt-target')).toBe('primary');
    const transitions =
      /primary: closed → open[\s\S]*primary: open → half_open[\s\S]*primary: half_open → closed/;
    expect(await waitForLog(() => gateway.logs.join(''), transitions)).toMatch(transitions);
  });

  it('relays an upstream client error (context too long) without retrying it or trying another target', async () => {
    await sims.setFaults('openai', { errorRate: 1, errorStatus: 400 });
    const id = requestId('client-error');
    const answer = await gateway.post('/v1/chat/completions', chatBody('chat'), id);
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { message: string } }).error.message).toContain(
      'maximum context length',
    );
    expect(sims.stats().openai.total).toBe(1);
    expect(sims.stats().azure.total).toBe(0);
    expect(await events.one(id)).toMatchObject({
      type: 'route.failed',
      status: 400,
      error_code: 'invalid_request_error',
    });
  });
});
