import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { chatBody, GatewayUnderTest, requestId, RouteEventLog, startSims } from './gateway.fixture.js';

describe('gateway routing over the seed pack', () => {
  let sims: Simulators;
  let gateway: GatewayUnderTest;
  let events: RouteEventLog;

  beforeAll(async () => {
    sims = await startSims();
    events = await RouteEventLog.start();
    // A small body limit, so the over-limit body still fits the socket buffers and the 413 can be read.
    gateway = await GatewayUnderTest.start(sims, { env: { GATEWAY_BODY_LIMIT_BYTES: '65536' } });
  });

  afterAll(async () => {
    await gateway?.stop();
    await events?.stop();
    await sims?.stop();
  });

  beforeEach(async () => {
    await sims.reset();
  });

  it('sends exactly 700 of 1,000 gpt-5.4-mini requests to openai-main and 300 to azure-secondary', async () => {
    const ids = Array.from({ length: 1000 }, () => requestId('wrr'));
    const targets: string[] = [];
    // Ten at a time: the smooth weighted round robin is exact whatever the interleaving.
    for (let i = 0; i < ids.length; i += 10) {
      const answers = await Promise.all(
        ids.slice(i, i + 10).map((id) => gateway.post('/v1/chat/completions', chatBody(), id)),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        targets.push(answer.headers.get('x-kt-target') ?? '');
        await answer.arrayBuffer();
      }
    }
    expect(count(targets)).toEqual({ 'openai-main': 700, 'azure-secondary': 300 });
    const stats = sims.stats();
    expect(stats.openai.endpoints['chat.completions']).toBe(700);
    expect(stats.azure.endpoints['chat.completions']).toBe(300);

    const recorded = await events.waitFor(ids);
    expect(recorded).toHaveLength(1000);
    expect(count(recorded.map((e) => (e.type === 'route.completed' ? e.served.target : 'none')))).toEqual({
      'openai-main': 700,
      'azure-secondary': 300,
    });
    const first = recorded[0]!;
    expect(first).toMatchObject({
      type: 'route.completed',
      status: 200,
      group: 'production-llm',
      strategy: 'weighted_round_robin',
      caller: { team: 'qa' },
      pack: { name: 'multi-provider-core', version: '1.0.0' },
    });
    expect(first.usage.input_tokens).toBeGreaterThan(0);
    expect(first.usage.output_tokens).toBe(16);
  }, 120_000);

  it('moves all traffic to azure when openai refuses connections, with no client-visible error', async () => {
    await sims.setFaults('openai', { outage: true });
    const ids = Array.from({ length: 10 }, () => requestId('openai-down'));
    for (const id of ids) {
      const answer = await gateway.post('/v1/chat/completions', chatBody(), id);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-kt-target')).toBe('azure-secondary');
      expect((await answer.json()) as { choices: unknown[] }).toHaveProperty('choices');
    }
    const recorded = await events.waitFor(ids);
    expect(recorded).toHaveLength(10);
    for (const event of recorded) {
      expect(event.type).toBe('route.completed');
      const last = event.attempts.at(-1)!;
      expect(last).toMatchObject({ target: 'azure-secondary', outcome: 'ok' });
      for (const failed of event.attempts.slice(0, -1)) {
        expect(failed).toMatchObject({ target: 'openai-main', outcome: 'error' });
        expect(['connection_error', 'circuit_open']).toContain(failed.error_kind);
      }
    }
  });

  it('falls back to anthropic-last-resort through backup-llm when openai and azure are both down', async () => {
    await sims.setFaults('openai', { outage: true });
    await sims.setFaults('azure', { outage: true });
    const id = requestId('both-down');
    const answer = await gateway.post('/v1/chat/completions', chatBody(), id);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-kt-target')).toBe('anthropic-last-resort');
    expect(answer.headers.get('x-kt-provider')).toBe('anthropic');
    const body = (await answer.json()) as { object: string; choices: { message: { content: string } }[] };
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0]!.message.content.length).toBeGreaterThan(0);
    const event = await events.one(id);
    expect(event).toMatchObject({
      type: 'route.completed',
      served: { target: 'anthropic-last-resort', provider: 'anthropic' },
    });
  });

  it('answers 502 upstream_error with the attempt summary when every provider is down', async () => {
    for (const vendor of ['openai', 'azure', 'anthropic'] as const)
      await sims.setFaults(vendor, { outage: true });
    const id = requestId('all-down');
    const answer = await gateway.post('/v1/chat/completions', chatBody(), id);
    expect([502, 503]).toContain(answer.status);
    const body = (await answer.json()) as { error: { code: string; attempts: { target: string }[] } };
    expect(['upstream_error', 'no_healthy_target']).toContain(body.error.code);
    expect(body.error.attempts.map((a) => a.target)).toEqual(
      expect.arrayContaining(['openai-main', 'azure-secondary', 'anthropic-last-resort']),
    );
    const event = await events.one(id);
    expect(event).toMatchObject({ type: 'route.failed', served: null, status: answer.status });
  });

  it.each([
    ['no key', undefined, 'Missing gateway key'],
    ['a wrong key', 'Bearer nope', 'not valid'],
  ])('refuses a request with %s (401) and records no route event', async (_label, authorization, message) => {
    const id = requestId('auth');
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': id };
    if (authorization) headers.authorization = authorization;
    const answer = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers,
      body: JSON.stringify(chatBody()),
    });
    expect(answer.status).toBe(401);
    const error = ((await answer.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain(message);
    const marker = requestId('after-auth');
    expect((await gateway.post('/v1/chat/completions', chatBody(), marker)).status).toBe(200);
    expect(await events.eventsBefore(marker, [id])).toEqual([]);
  });

  it('answers 404 model_not_found listing the available names', async () => {
    const id = requestId('unknown-model');
    const answer = await gateway.post('/v1/chat/completions', chatBody('gpt-9'), id);
    expect(answer.status).toBe(404);
    const body = (await answer.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('model_not_found');
    expect(body.error.message).toContain('production-llm');
    expect(body.error.message).toContain('gpt-5.4-mini');
    expect(await events.one(id)).toMatchObject({
      type: 'route.rejected',
      error_code: 'model_not_found',
      status: 404,
    });
  });

  it('answers 400 naming the field for a malformed request, and 413 for a body over the limit, recording neither', async () => {
    const bad = requestId('bad');
    const answer = await gateway.post('/v1/chat/completions', { model: 'gpt-5.4-mini' }, bad);
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { param: string } }).error.param).toBe('messages');

    const big = requestId('big');
    const huge = JSON.stringify(chatBody('gpt-5.4-mini', { padding: 'x'.repeat(100 * 1024) }));
    const tooLarge = await gateway.post('/v1/chat/completions', huge, big);
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');

    const marker = requestId('after-refusals');
    expect((await gateway.post('/v1/chat/completions', chatBody(), marker)).status).toBe(200);
    expect(await events.eventsBefore(marker, [bad, big])).toEqual([]);
  });

  it('sets the kt headers on every answer', async () => {
    const id = requestId('headers');
    const answer = await gateway.post('/v1/chat/completions', chatBody(), id);
    // kt's own id, the caller's kept beside it.
    expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.headers.get('x-client-request-id')).toBe(id);
    expect(answer.headers.get('x-kt-attempts')).toBe('1');
    expect(Number(answer.headers.get('x-kt-overhead-ms'))).toBeGreaterThanOrEqual(0);
    expect(answer.headers.get('x-kt-provider')).toMatch(/^(openai|azure)$/);
  });
});

function count(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
