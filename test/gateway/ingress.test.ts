import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { Exposition } from '../telemetry/metrics.scrape.js';
import { chatBody, GatewayUnderTest, requestId, RouteEventLog, startSims } from './gateway.fixture.js';

interface ErrorShape {
  readonly error: { readonly code: string; readonly param: string | null; readonly message: string };
}

/**
 * The gateway's ingress against hostile input, with the real broker and simulators: what a stranger
 * or a careless client sends is a 4xx naming the field, never a 5xx, never a ledger row with its
 * content, and never something that stops the events of everyone else.
 */
describe('gateway ingress under hostile input', () => {
  let sims: Simulators;
  let gateway: GatewayUnderTest;
  let events: RouteEventLog;

  beforeAll(async () => {
    sims = await startSims();
    events = await RouteEventLog.start();
    gateway = await GatewayUnderTest.start(sims);
  });

  afterAll(async () => {
    await gateway?.stop();
    await events?.stop();
    await sims?.stop();
  });

  beforeEach(async () => {
    await sims.reset();
  });

  const upstreamCalls = (): number => sims.stats().openai.total + sims.stats().azure.total;

  it('answers an anonymous 1.3 MB model 401 with no route event, and the requests after it all reach the topic', async () => {
    const before = await Exposition.scrape(gateway.url);
    const anonymous = requestId('anon-huge');
    const answer = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': anonymous },
      body: JSON.stringify(chatBody('m'.repeat(1_300_000))),
    });
    expect(answer.status).toBe(401);
    const body = await answer.text();
    expect(body.length).toBeLessThan(1000);
    expect((JSON.parse(body) as ErrorShape).error.code).toBe('unauthorized');

    const ordinary = Array.from({ length: 20 }, () => requestId('after-anon'));
    for (const id of ordinary) {
      const ok = await gateway.post('/v1/chat/completions', chatBody(), id);
      expect(ok.status).toBe(200);
      await ok.arrayBuffer();
    }
    expect(await events.waitFor(ordinary)).toHaveLength(20);
    expect(await events.eventsBefore(ordinary.at(-1)!, [anonymous])).toEqual([]);
    expect(events.all.some((e) => e.requested_model.length > 256)).toBe(false);

    const after = await Exposition.scrape(gateway.url);
    const refused = (e: Exposition): number =>
      e.value('kt_gateway_refused_requests_total', { reason: 'missing_key', status: '401' });
    expect(refused(after) - refused(before)).toBe(1);
  });

  it('answers an authenticated over-cap model 400 naming model, before any upstream call', async () => {
    const answer = await gateway.post(
      '/v1/chat/completions',
      chatBody('m'.repeat(300_000)),
      requestId('cap'),
    );
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as ErrorShape).error).toMatchObject({
      code: 'invalid_request_error',
      param: 'model',
    });
    expect(upstreamCalls()).toBe(0);
  });

  it('answers a 100k-deep nested JSON body 400, not a 5xx', async () => {
    const depth = 100_000;
    const deep = `{"model":"gpt-5.4-mini","messages":[{"role":"user","content":"hi"}],"metadata":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    const nested = await gateway.post('/v1/chat/completions', deep, requestId('deep'));
    expect(nested.status).toBe(400);
    expect(((await nested.json()) as ErrorShape).error.code).toBe('invalid_request_error');
    const arrays = await gateway.post(
      '/v1/embeddings',
      '['.repeat(depth) + ']'.repeat(depth),
      requestId('deep'),
    );
    expect(arrays.status).toBe(400);
    expect(upstreamCalls()).toBe(0);
    // Still serving.
    expect((await gateway.post('/v1/chat/completions', chatBody(), requestId('after-deep'))).status).toBe(
      200,
    );
  });

  it.each([
    ['n: 1.5', { n: 1.5 }, 'n'],
    ['n: 129', { n: 129 }, 'n'],
    ['max_tokens: 1e17', { max_tokens: 1e17 }, 'max_tokens'],
    ['max_tokens: -1', { max_tokens: -1 }, 'max_tokens'],
    ['max_tokens: "NaN"', { max_tokens: 'NaN' }, 'max_tokens'],
    ['max_completion_tokens: 1e17', { max_completion_tokens: 1e17 }, 'max_completion_tokens'],
    ['a user message with content: 5', { messages: [{ role: 'user', content: 5 }] }, 'messages[0].content'],
    ['a tool without function', { tools: [{ type: 'function' }] }, 'tools[0].function'],
  ])(
    'answers %s 400 naming the field, before any upstream call and without a route event',
    async (_label, extra, param) => {
      const id = requestId('mistake');
      const answer = await gateway.post('/v1/chat/completions', chatBody('gpt-5.4-mini', extra), id);
      expect(answer.status).toBe(400);
      expect(((await answer.json()) as ErrorShape).error).toMatchObject({
        code: 'invalid_request_error',
        param,
      });
      expect(upstreamCalls()).toBe(0);
      const marker = requestId('after-mistake');
      expect((await gateway.post('/v1/chat/completions', chatBody(), marker)).status).toBe(200);
      expect(await events.eventsBefore(marker, [id])).toEqual([]);
    },
  );

  it.each([
    ['an over-cap model', { model: 'm'.repeat(300_000) }, 'model: expected at most 256 characters'],
    ['max_tokens: 1e17', { max_tokens: 1e17 }, 'max_tokens: expected an integer from 1 to 1000000'],
  ])(
    'answers /v1/messages with %s 400 in the Anthropic shape, naming the field',
    async (_label, extra, message) => {
      const body = {
        model: 'gpt-5.4-mini',
        max_tokens: 16,
        messages: [{ role: 'user', content: 'hi' }],
        ...extra,
      };
      const answer = await gateway.post('/v1/messages', body, requestId('messages'), {
        'anthropic-version': '2023-06-01',
      });
      expect(answer.status).toBe(400);
      const error = ((await answer.json()) as { type: string; error: { type: string; message: string } })
        .error;
      expect(error.type).toBe('invalid_request_error');
      expect(error.message).toContain(message);
      expect(upstreamCalls()).toBe(0);
    },
  );

  it('answers an embeddings mistake 400 naming the field', async () => {
    const answer = await gateway.post(
      '/v1/embeddings',
      { model: 'text-embedding-3-small', input: ['fine', 7] },
      requestId('emb'),
    );
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as ErrorShape).error).toMatchObject({ param: 'input[1]' });
  });

  it("keeps a reused caller x-request-id as the caller's, with five distinct events and request ids of kt's own", async () => {
    const callerId = requestId('reused');
    const answers = [];
    for (let i = 0; i < 5; i++) {
      const answer = await gateway.post('/v1/chat/completions', chatBody(), callerId);
      expect(answer.status).toBe(200);
      await answer.arrayBuffer();
      answers.push(answer);
    }
    const ours = answers.map((a) => a.headers.get('x-request-id'));
    expect(new Set(ours).size).toBe(5);
    expect(answers.every((a) => a.headers.get('x-client-request-id') === callerId)).toBe(true);
    const recorded = await events.waitFor(ours as string[]);
    expect(recorded).toHaveLength(5);
    expect(new Set(recorded.map((e) => e.event_id)).size).toBe(5);
    expect(recorded.map((e) => e.request_id).sort()).toEqual([...ours].sort());
    expect(recorded.every((e) => e.client_request_id === callerId)).toBe(true);
    expect(recorded.some((e) => e.request_id === callerId)).toBe(false);
  });

  it('ignores, and counts, a caller x-request-id that breaks the caps', async () => {
    const before = await Exposition.scrape(gateway.url);
    const answers = await Promise.all(
      ['x'.repeat(129), 'has space', 'quote"d'].map((callerId) =>
        gateway.post('/v1/chat/completions', chatBody(), 'unused', { 'x-request-id': callerId }),
      ),
    );
    const ours = answers.map((a) => a.headers.get('x-request-id') as string);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.every((a) => a.headers.get('x-client-request-id') === null)).toBe(true);
    const recorded = await events.waitFor(ours);
    expect(recorded.every((e) => e.client_request_id === undefined)).toBe(true);
    const after = await Exposition.scrape(gateway.url);
    const ignored = (e: Exposition): number => e.value('kt_gateway_ignored_request_ids_total');
    expect(ignored(after) - ignored(before)).toBe(3);
  });

  it('answers a 4 KB x-kt-data-policy header 400 quickly, naming the header and never echoing it', async () => {
    const started = performance.now();
    const answer = await gateway.post('/v1/chat/completions', chatBody(), requestId('policy'), {
      'x-kt-data-policy': '\u00ff'.repeat(4096),
    });
    const text = await answer.text();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(answer.status).toBe(400);
    expect((JSON.parse(text) as ErrorShape).error).toMatchObject({ param: 'x-kt-data-policy' });
    expect(text).not.toContain('\u00ff');
    expect(text.length).toBeLessThan(1000);
  });

  it('answers /v1/models without a key 401, counted as a refusal', async () => {
    const before = await Exposition.scrape(gateway.url);
    const answer = await fetch(`${gateway.url}/v1/models`, { headers: { authorization: 'Bearer nope' } });
    expect(answer.status).toBe(401);
    expect(((await answer.json()) as ErrorShape).error.code).toBe('unauthorized');
    const after = await Exposition.scrape(gateway.url);
    const refused = (e: Exposition): number =>
      e.value('kt_gateway_refused_requests_total', { reason: 'invalid_key', status: '401' });
    expect(refused(after) - refused(before)).toBe(1);
  });
});
