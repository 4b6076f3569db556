import { UpstreamError, type ChatCompletionChunk } from '@kt/providers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  callOf,
  chatBody,
  collect,
  failureOf,
  startRig,
  TIMEOUTS,
  weatherTool,
  type ProviderRig,
} from './providers.fixture.js';
import { waitFor } from './scripted.server.js';

describe('openai adapter against the OpenAI simulator', () => {
  let rig: ProviderRig;
  const target = { vendor: 'openai', model: 'gpt-5.4-mini' } as const;
  const call = <B>(body: B, overrides = {}) => callOf(target, rig.sims.keys.openai, body, overrides);
  const adapter = () => rig.adapter('openai');

  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(() => rig.stop());
  beforeEach(() => rig.sims.reset());

  it('answers a chat completion with usage and the upstream model, keeping unknown fields', async () => {
    const result = await adapter().chat(call(chatBody({ model: 'logical-name', seed: 7, stream: false })));
    expect(result.status).toBe(200);
    expect(result.body.choices[0]?.message.content).toBe('kt. kt. kt. kt. kt.');
    expect(result.usage).toEqual({ inputTokens: 3, outputTokens: 5 });
    expect(result.upstreamModel).toBe('gpt-5.4-mini');
    expect(result.upstreamRequestId).toMatch(/^req_/);
  });

  it('streams chunks, asks for usage itself and hides the usage chunk from a client that did not ask', async () => {
    const stream = await adapter().chatStream(call(chatBody({ stream: true })));
    const chunks = await collect(stream);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('kt. kt. kt. kt. kt.');
    expect(chunks.every((c) => c.choices.length > 0 && !('usage' in c))).toBe(true);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(stream.usage).toEqual({ inputTokens: 3, outputTokens: 5 });
    expect(stream.finishReason).toBe('stop');
    expect(stream.upstreamModel).toBe('gpt-5.4-mini');
  });

  it('passes the usage chunk to a client that asked for it', async () => {
    const stream = await adapter().chatStream(
      call(chatBody({ stream: true, stream_options: { include_usage: true } })),
    );
    const chunks = await collect(stream);
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 },
    });
    expect(stream.usage).toEqual({ inputTokens: 3, outputTokens: 5 });
  });

  it('streams tool call deltas', async () => {
    const stream = await adapter().chatStream(
      call(chatBody({ messages: [{ role: 'user', content: 'weather in Paris?' }], tools: [weatherTool] })),
    );
    const chunks: ChatCompletionChunk[] = await collect(stream);
    const deltas = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(deltas[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'get_weather' } });
    expect(JSON.parse(deltas.map((d) => d.function?.arguments ?? '').join(''))).toEqual({
      location: 'Paris',
    });
    expect(stream.finishReason).toBe('tool_calls');
  });

  it('creates embeddings with usage', async () => {
    const embeddings = adapter().embeddings;
    expect(embeddings).toBeDefined();
    const result = await adapter().embeddings!(
      call({ model: 'x', input: ['hello', 'world!!'], dimensions: 8 }),
    );
    expect(result.body.data.map((d) => d.embedding.length)).toEqual([8, 8]);
    expect(result.usage).toEqual({ inputTokens: 4, outputTokens: 0 });
  });

  it('reuses one keep-alive socket for consecutive requests', async () => {
    const { http, adapter: isolated } = rig.isolated();
    // undici's pool frees a socket a tick after the response ends; a request in that same tick opens another.
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    await isolated('openai').chat(call(chatBody()));
    await tick();
    await collect(await isolated('openai').chatStream(call(chatBody())));
    await tick();
    await isolated('openai').chat(call(chatBody()));
    expect(http.stats()).toEqual([{ origin: rig.sims.urls.openai, connected: 1, running: 0, pending: 0 }]);
    await http.close();
  });

  it('reports a wrong key as a client error 401 without echoing the key', async () => {
    const error = await failureOf(adapter().chat(callOf(target, 'sk-wrong-key-123456', chatBody())));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({
      errorKind: 'client_error',
      status: 401,
      body: { error: { code: 'invalid_api_key' } },
    });
    expect(String((error as Error).message)).not.toContain('sk-wrong-key-123456');
  });

  it('reports 429 as rate limited with the retry-after hint', async () => {
    await rig.sims.setFaults('openai', { errorRate: 1, errorStatus: 429, retryAfter: 2 });
    const error = await failureOf(adapter().chat(call(chatBody())));
    expect(error).toMatchObject({ errorKind: 'rate_limited', status: 429, retryAfterMs: 2000 });
    const streamError = await failureOf(adapter().chatStream(call(chatBody())));
    expect(streamError).toMatchObject({ errorKind: 'rate_limited', status: 429, retryAfterMs: 2000 });
  });

  it('reports 500 and 503 as server error and service unavailable', async () => {
    await rig.sims.setFaults('openai', { errorRate: 1, errorStatus: 500 });
    expect(await failureOf(adapter().chat(call(chatBody())))).toMatchObject({
      errorKind: 'server_error',
      status: 500,
    });
    await rig.sims.setFaults('openai', { errorRate: 1, errorStatus: 503 });
    expect(await failureOf(adapter().chat(call(chatBody())))).toMatchObject({
      errorKind: 'service_unavailable',
      status: 503,
    });
  });

  it('times out a hung request within the total limit', async () => {
    await rig.sims.setFaults('openai', { hang: true });
    const started = Date.now();
    const error = await failureOf(
      adapter().chat(call(chatBody(), { timeouts: { ...TIMEOUTS, totalMs: 250 } })),
    );
    const elapsed = Date.now() - started;
    expect(error).toMatchObject({ errorKind: 'timeout', status: 0 });
    expect(elapsed).toBeGreaterThanOrEqual(240);
    expect(elapsed).toBeLessThan(1_000);
  });

  it('times out a hung stream at the first-token limit', async () => {
    await rig.sims.setFaults('openai', { hang: true });
    const started = Date.now();
    const error = await failureOf(
      adapter().chatStream(call(chatBody(), { timeouts: { ...TIMEOUTS, firstTokenMs: 200 } })),
    );
    expect(error).toMatchObject({ errorKind: 'timeout' });
    expect((error as Error).message).toContain('no first token within 200 ms');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('lets the target timeout override the gateway default', async () => {
    await rig.sims.setFaults('openai', { hang: true });
    const started = Date.now();
    const error = await failureOf(
      adapter().chat(callOf({ ...target, timeoutMs: 150 }, rig.sims.keys.openai, chatBody())),
    );
    expect(error).toMatchObject({ errorKind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('reports an outage as a connection error', async () => {
    await rig.sims.setFaults('openai', { outage: true });
    const error = await failureOf(adapter().chat(call(chatBody())));
    expect(error).toMatchObject({ errorKind: 'connection_error', status: 0 });
    expect((error as Error).message).not.toContain('127.0.0.1');
    expect(await failureOf(adapter().chatStream(call(chatBody())))).toMatchObject({
      errorKind: 'connection_error',
    });
  });

  it('throws stream_cut from the iterator when the stream breaks off before [DONE]', async () => {
    await rig.sims.setFaults('openai', { streamCutAfter: 3 });
    const stream = await adapter().chatStream(call(chatBody()));
    const received: ChatCompletionChunk[] = [];
    const error = await failureOf(async () => {
      for await (const chunk of stream) received.push(chunk);
    });
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ errorKind: 'stream_cut', status: 200 });
    expect(received).toHaveLength(3);
  });

  it('reports a truncated JSON body and a broken first stream event as malformed', async () => {
    await rig.sims.setFaults('openai', { malformed: true });
    expect(await failureOf(adapter().chat(call(chatBody())))).toMatchObject({
      errorKind: 'malformed_response',
      status: 200,
    });
    expect(await failureOf(adapter().chatStream(call(chatBody())))).toMatchObject({
      errorKind: 'malformed_response',
    });
  });

  it('aborts a hung request when the client goes away and closes its socket', async () => {
    await rig.sims.setFaults('openai', { hang: true });
    const { http, adapter: isolated } = rig.isolated();
    const client = new AbortController();
    const pending = isolated('openai').chat(call(chatBody(), { signal: client.signal }));
    await waitFor(() => http.stats()[0]?.running === 1);
    client.abort();
    expect(await failureOf(pending)).toMatchObject({ errorKind: 'aborted', status: 0 });
    await waitFor(() => http.stats()[0]?.connected === 0);
    await http.close();
  });

  it('refuses to start for a client that is already gone', async () => {
    const client = new AbortController();
    client.abort();
    expect(await failureOf(adapter().chat(call(chatBody(), { signal: client.signal })))).toMatchObject({
      errorKind: 'aborted',
    });
  });
});
