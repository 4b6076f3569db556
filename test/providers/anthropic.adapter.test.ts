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

describe('anthropic adapter against the Anthropic simulator', () => {
  let rig: ProviderRig;
  const target = { vendor: 'anthropic', model: 'claude-3-5-sonnet-20241022' } as const;
  const call = <B>(body: B, overrides = {}) => callOf(target, rig.sims.keys.anthropic, body, overrides);
  const adapter = () => rig.adapter('anthropic');
  // "be brief" is 2 tokens and "hello there" 3 in the simulator's count.
  const withSystem = chatBody({
    messages: [
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'hello there' },
    ],
  });

  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(() => rig.stop());
  beforeEach(() => rig.sims.reset());

  it('answers an OpenAI chat request with an OpenAI completion translated from Anthropic', async () => {
    const result = await adapter().chat(call(withSystem));
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      object: 'chat.completion',
      model: 'claude-3-5-sonnet-20241022',
      choices: [
        { index: 0, message: { role: 'assistant', content: 'kt. kt. kt. kt. kt.' }, finish_reason: 'stop' },
      ],
      usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 },
    });
    expect(result.body.id).toMatch(/^msg_/);
    expect(result.usage).toEqual({ inputTokens: 5, outputTokens: 5 });
    expect(result.upstreamModel).toBe('claude-3-5-sonnet-20241022');
    expect(result.upstreamRequestId).toMatch(/^req_/);
  });

  it('maps max_tokens to a length finish', async () => {
    const result = await adapter().chat(call(chatBody({ max_tokens: 2 })));
    expect(result.body.choices[0]).toMatchObject({
      finish_reason: 'length',
      message: { content: 'kt. kt.' },
    });
  });

  it('turns a tool_use answer into OpenAI tool_calls', async () => {
    const result = await adapter().chat(
      call(chatBody({ messages: [{ role: 'user', content: 'weather in Paris?' }], tools: [weatherTool] })),
    );
    const choice = result.body.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.tool_calls?.[0]).toMatchObject({
      type: 'function',
      function: { name: 'get_weather' },
    });
    expect(JSON.parse(choice?.message.tool_calls?.[0]?.function.arguments ?? '')).toEqual({
      location: 'Paris',
    });
  });

  it('streams OpenAI chunks translated from Anthropic events, with usage from message_start and message_delta', async () => {
    const stream = await adapter().chatStream(call(withSystem));
    const chunks = await collect(stream);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('kt. kt. kt. kt. kt.');
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.id === chunks[0]?.id)).toBe(true);
    expect(stream.usage).toEqual({ inputTokens: 5, outputTokens: 5 });
    expect(stream.upstreamModel).toBe('claude-3-5-sonnet-20241022');
  });

  it('ends with an OpenAI usage chunk when the client asked for usage', async () => {
    const chunks = await collect(
      await adapter().chatStream(call({ ...withSystem, stream_options: { include_usage: true } })),
    );
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 },
    });
  });

  it('streams a tool call as tool_call deltas', async () => {
    const stream = await adapter().chatStream(
      call(chatBody({ messages: [{ role: 'user', content: 'weather in Paris?' }], tools: [weatherTool] })),
    );
    const chunks: ChatCompletionChunk[] = await collect(stream);
    const deltas = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(deltas[0]).toMatchObject({
      index: 0,
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    expect(deltas.every((d) => d.index === 0)).toBe(true);
    expect(JSON.parse(deltas.map((d) => d.function?.arguments ?? '').join(''))).toEqual({
      location: 'Paris',
    });
    expect(stream.finishReason).toBe('tool_calls');
  });

  it('carries a tool result back in a follow-up turn', async () => {
    const result = await adapter().chat(
      call(
        chatBody({
          messages: [
            { role: 'user', content: 'weather in Paris?' },
            {
              role: 'assistant',
              content: null,
              tool_calls: [
                {
                  id: 'toolu_1',
                  type: 'function',
                  function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
                },
              ],
            },
            { role: 'tool', tool_call_id: 'toolu_1', content: 'sunny' },
          ],
          tools: [weatherTool],
        }),
      ),
    );
    expect(result.body.choices[0]?.finish_reason).toBe('stop');
  });

  it('reports a request Anthropic cannot express as a client error before sending it', async () => {
    const error = await failureOf(adapter().chat(call(chatBody({ n: 3 }))));
    expect(error).toMatchObject({
      errorKind: 'client_error',
      status: 0,
      body: { error: { param: 'n', type: 'invalid_request_error' } },
    });
    expect(rig.sims.stats().anthropic.total).toBe(0);
  });

  it('reports a wrong key as a client error 401 in OpenAI shape', async () => {
    const error = await failureOf(adapter().chat(callOf(target, 'sk-ant-wrong-000000', chatBody())));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({
      errorKind: 'client_error',
      status: 401,
      body: { error: { type: 'authentication_error', code: 'authentication_error' } },
    });
    expect((error as Error).message).not.toContain('sk-ant-wrong-000000');
  });

  it('reports 429 as rate limited with retry-after and 529 as service unavailable', async () => {
    await rig.sims.setFaults('anthropic', { errorRate: 1, errorStatus: 429, retryAfter: 3 });
    expect(await failureOf(adapter().chat(call(chatBody())))).toMatchObject({
      errorKind: 'rate_limited',
      status: 429,
      retryAfterMs: 3000,
    });
    await rig.sims.setFaults('anthropic', { errorRate: 1, errorStatus: 529 });
    expect(await failureOf(adapter().chatStream(call(chatBody())))).toMatchObject({
      errorKind: 'service_unavailable',
      status: 529,
    });
  });

  it('times out a hung request, and a hung stream at the first-token limit', async () => {
    await rig.sims.setFaults('anthropic', { hang: true });
    const started = Date.now();
    expect(
      await failureOf(adapter().chat(call(chatBody(), { timeouts: { ...TIMEOUTS, totalMs: 200 } }))),
    ).toMatchObject({ errorKind: 'timeout' });
    expect(
      await failureOf(
        adapter().chatStream(call(chatBody(), { timeouts: { ...TIMEOUTS, firstTokenMs: 200 } })),
      ),
    ).toMatchObject({ errorKind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('reports an outage as a connection error', async () => {
    await rig.sims.setFaults('anthropic', { outage: true });
    expect(await failureOf(adapter().chat(call(chatBody())))).toMatchObject({
      errorKind: 'connection_error',
      status: 0,
    });
  });

  it('throws stream_cut from the iterator when the stream breaks off before message_stop', async () => {
    await rig.sims.setFaults('anthropic', { streamCutAfter: 4 });
    const stream = await adapter().chatStream(call(chatBody()));
    const error = await failureOf(collect(stream));
    expect(error).toMatchObject({ errorKind: 'stream_cut', status: 200 });
  });

  it('reports a truncated JSON body and a broken first stream event as malformed', async () => {
    await rig.sims.setFaults('anthropic', { malformed: true });
    expect(await failureOf(adapter().chat(call(chatBody())))).toMatchObject({
      errorKind: 'malformed_response',
    });
    expect(await failureOf(adapter().chatStream(call(chatBody())))).toMatchObject({
      errorKind: 'malformed_response',
    });
  });

  it('aborts a hung request when the client goes away and closes its socket', async () => {
    await rig.sims.setFaults('anthropic', { hang: true });
    const { http, adapter: isolated } = rig.isolated();
    const client = new AbortController();
    const pending = isolated('anthropic').chat(call(chatBody(), { signal: client.signal }));
    await waitFor(() => http.stats()[0]?.running === 1);
    client.abort();
    expect(await failureOf(pending)).toMatchObject({ errorKind: 'aborted' });
    await waitFor(() => http.stats()[0]?.connected === 0);
    await http.close();
  });
});
