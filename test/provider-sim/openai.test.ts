import OpenAI, { AuthenticationError, BadRequestError } from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { collect, startTestSimulators } from './sim.fixture.js';

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
} as const;

describe('OpenAI simulator, driven by the official openai SDK', () => {
  let sims: Simulators;
  let client: OpenAI;

  beforeAll(async () => {
    sims = await startTestSimulators();
    client = new OpenAI({ apiKey: sims.keys.openai, baseURL: `${sims.urls.openai}/v1`, maxRetries: 0 });
  });
  afterAll(() => sims.stop());
  beforeEach(() => sims.reset());

  it('answers a chat completion with predictable text and usage', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-5.4-mini',
      messages: [
        { role: 'system', content: 'be brief' }, // 8 bytes: 2 tokens
        { role: 'user', content: 'hello there' }, // 11 bytes: 3 tokens
      ],
    });
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-5.4-mini',
      choices: [
        {
          index: 0,
          finish_reason: 'stop',
          message: { role: 'assistant', content: Array(20).fill('kt.').join(' ') },
        },
      ],
      usage: { prompt_tokens: 5, completion_tokens: 20, total_tokens: 25 },
    });
    expect(completion.id).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/);
    expect(completion.system_fingerprint).toMatch(/^fp_/);
    expect(Math.abs(completion.created - Date.now() / 1000)).toBeLessThan(5);
  });

  it('stops at max_completion_tokens with finish_reason length', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      max_completion_tokens: 3,
    });
    expect(completion.choices[0]).toMatchObject({
      finish_reason: 'length',
      message: { content: 'kt. kt. kt.' },
    });
    expect(completion.usage?.completion_tokens).toBe(3);
  });

  it('streams one chunk per token and a final usage chunk with empty choices when include_usage is set', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'stream please' }],
      max_tokens: 4,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = await collect(stream);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.id === chunks[0]!.id)).toBe(true);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('kt. kt. kt. kt.');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('length');
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 4, completion_tokens: 4, total_tokens: 8 },
    });
  });

  it('sends no usage chunk when include_usage is not set', async () => {
    const chunks = await collect(
      await client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      }),
    );
    expect(chunks.every((c) => c.choices.length === 1 && c.usage === undefined)).toBe(true);
  });

  it('calls the offered tool when the user asks about the weather', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [weatherTool],
    });
    const choice = completion.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    const call = choice.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ location: 'Paris' });
    expect(call?.id).toMatch(/^call_/);
  });

  it('streams tool calls that the SDK assembles into a final completion', async () => {
    const runner = client.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [weatherTool],
    });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ location: 'Paris' });
  });

  it('answers with text after the tool result, so an agent loop ends', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'weather?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      ],
    });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
  });

  it('embeds deterministically, as floats or base64 (the SDK default), with the requested dimension', async () => {
    const floats = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['hello', 'world!'],
      encoding_format: 'float',
    });
    const decoded = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['hello', 'world!'],
    });
    expect(floats.data.map((d) => d.embedding)).toEqual(decoded.data.map((d) => d.embedding));
    expect(floats.data[0]?.embedding).toHaveLength(64);
    expect(floats.data[0]?.embedding).not.toEqual(floats.data[1]?.embedding);
    expect(floats.usage).toEqual({ prompt_tokens: 2 + 2, total_tokens: 4 });
    const small = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'hello',
      dimensions: 8,
    });
    expect(small.data[0]?.embedding).toHaveLength(8);
  });

  it('lists models', async () => {
    const ids = (await collect(client.models.list())).map((m) => m.id);
    expect(ids).toContain('gpt-5.4-mini');
    expect(ids).toContain('text-embedding-3-small');
  });

  it('rejects a wrong key with AuthenticationError and never echoes the key', async () => {
    const wrong = new OpenAI({ apiKey: 'sk-wrong-secret', baseURL: `${sims.urls.openai}/v1`, maxRetries: 0 });
    const error = await wrong.models.list().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).error).toMatchObject({
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    });
    expect(JSON.stringify((error as AuthenticationError).error)).not.toContain('sk-wrong-secret');
  });

  it('accepts any key from the configured list', async () => {
    const other = await startTestSimulators({ keys: { openai: ['first', 'second'] } });
    try {
      const client2 = new OpenAI({ apiKey: 'second', baseURL: `${other.urls.openai}/v1`, maxRetries: 0 });
      await expect(client2.models.list()).resolves.toBeDefined();
      expect(other.keys.openai).toBe('first');
    } finally {
      await other.stop();
    }
  });

  it.each([
    { name: 'without a model', body: { messages: [{ role: 'user', content: 'hi' }] }, param: null },
    {
      name: 'with messages that are not an array',
      body: { model: 'gpt-4o', messages: 'hi' },
      param: 'messages',
    },
  ])('rejects a request $name with BadRequestError', async ({ body, param }) => {
    const error = await client.chat.completions
      .create(body as unknown as ChatCompletionCreateParamsNonStreaming)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).error).toMatchObject({ type: 'invalid_request_error', param });
  });

  it('answers bad JSON with a 400 in OpenAI shape', async () => {
    const response = await fetch(`${sims.urls.openai}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sims.keys.openai}`, 'content-type': 'application/json' },
      body: '{"model":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { type: 'invalid_request_error', param: null, code: null },
    });
  });

  it('answers an unknown route with 404 in OpenAI shape', async () => {
    const response = await fetch(`${sims.urls.openai}/v1/engines`, {
      headers: { authorization: `Bearer ${sims.keys.openai}` },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: {
        message: 'Invalid URL (GET /v1/engines)',
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
    expect(sims.stats().openai.endpoints).toEqual({ 'not-found': 1 });
  });

  it('counts requests per endpoint and outcome', async () => {
    await client.models.list();
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
    await new OpenAI({ apiKey: 'nope', baseURL: `${sims.urls.openai}/v1`, maxRetries: 0 }).models
      .list()
      .catch(() => undefined);
    expect(sims.stats().openai).toEqual({
      total: 3,
      endpoints: { 'models.list': 2, 'chat.completions': 1 },
      outcomes: { '200': 2, '401': 1 },
    });
    expect(sims.stats().anthropic.total).toBe(0);
  });
});
