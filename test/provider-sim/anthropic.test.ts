import Anthropic, { AuthenticationError, BadRequestError } from '@anthropic-ai/sdk';
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { collect, startTestSimulators } from './sim.fixture.js';

const MODEL = 'claude-3-5-sonnet-20241022';
const weatherTool = {
  name: 'get_weather',
  input_schema: { type: 'object' as const, properties: { location: { type: 'string' } } },
};

describe('Anthropic simulator, driven by the official @anthropic-ai/sdk', () => {
  let sims: Simulators;
  let client: Anthropic;

  beforeAll(async () => {
    sims = await startTestSimulators();
    client = new Anthropic({ apiKey: sims.keys.anthropic, baseURL: sims.urls.anthropic, maxRetries: 0 });
  });
  afterAll(() => sims.stop());
  beforeEach(() => sims.reset());

  it('answers a message with text content, stop_reason and predictable usage', async () => {
    const { data: message, response } = await client.messages
      .create({
        model: MODEL,
        max_tokens: 100,
        system: 'be brief',
        messages: [{ role: 'user', content: 'hello there' }],
      })
      .withResponse();
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: MODEL,
      content: [{ type: 'text', text: Array(20).fill('kt.').join(' ') }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 2 + 3, output_tokens: 20 },
    });
    expect(message.id).toMatch(/^msg_01[A-Za-z0-9]{22}$/);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
  });

  it('reads the system prompt given as blocks and stops at max_tokens', async () => {
    const message = await client.messages.create({
      model: MODEL,
      max_tokens: 2,
      system: [
        { type: 'text', text: 'be brief' },
        { type: 'text', text: 'and kind' },
      ],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    });
    expect(message).toMatchObject({
      stop_reason: 'max_tokens',
      content: [{ text: 'kt. kt.' }],
      usage: { input_tokens: 2 + 2 + 1, output_tokens: 2 },
    });
  });

  it('streams the real event sequence, which .stream() folds into the final message', async () => {
    const stream = client.messages.stream({
      model: MODEL,
      max_tokens: 3,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const types = (await collect(stream)).map((event) => event.type);
    expect(types).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const final = await stream.finalMessage();
    expect(final).toMatchObject({
      content: [{ type: 'text', text: 'kt. kt. kt.' }],
      stop_reason: 'max_tokens',
      usage: { input_tokens: 1, output_tokens: 3 },
    });
  });

  it('sends event: lines and a ping on the wire to a client authenticating with x-api-key', async () => {
    const response = await fetch(`${sims.urls.anthropic}/v1/messages`, {
      method: 'POST',
      headers: {
        'x-api-key': sims.keys.anthropic,
        'anthropic-version': '2023-06-01',
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        model: MODEL,
        max_tokens: 1,
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    const text = await response.text();
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(text.match(/^event: \w+$/gm)).toEqual([
      'event: message_start',
      'event: content_block_start',
      'event: ping',
      'event: content_block_delta',
      'event: content_block_stop',
      'event: message_delta',
      'event: message_stop',
    ]);
  });

  it('answers a weather question with a tool_use block when tools are offered', async () => {
    const message = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      tools: [weatherTool],
      messages: [{ role: 'user', content: 'weather in Paris?' }],
    });
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([
      {
        type: 'tool_use',
        id: expect.stringMatching(/^toolu_01/),
        name: 'get_weather',
        input: { location: 'Paris' },
      },
    ]);
  });

  it('streams tool input as input_json_delta that the SDK parses', async () => {
    const final = await client.messages
      .stream({
        model: MODEL,
        max_tokens: 100,
        tools: [weatherTool],
        messages: [{ role: 'user', content: 'weather?' }],
      })
      .finalMessage();
    expect(final.stop_reason).toBe('tool_use');
    expect(final.content[0]).toMatchObject({
      type: 'tool_use',
      name: 'get_weather',
      input: { location: 'Paris' },
    });
  });

  it('lists models in Anthropic shape', async () => {
    const models = await collect(client.models.list());
    expect(models.map((m) => m.id)).toContain(MODEL);
    expect(models[0]).toMatchObject({
      type: 'model',
      display_name: expect.any(String),
      created_at: expect.any(String),
    });
  });

  it('rejects a wrong key with AuthenticationError', async () => {
    const wrong = new Anthropic({ apiKey: 'sk-ant-wrong', baseURL: sims.urls.anthropic, maxRetries: 0 });
    const error = await wrong.messages
      .create({ model: MODEL, max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).error).toEqual({
      type: 'error',
      error: { type: 'authentication_error', message: 'invalid x-api-key' },
    });
  });

  it('rejects a request without max_tokens with BadRequestError', async () => {
    const body = {
      model: MODEL,
      messages: [{ role: 'user', content: 'hi' }],
    } as unknown as MessageCreateParamsNonStreaming;
    const error = await client.messages.create(body).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).error).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
    });
  });

  it('requires the anthropic-version header', async () => {
    const response = await fetch(`${sims.urls.anthropic}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': sims.keys.anthropic, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(await response.json()).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' },
    });
  });
});
