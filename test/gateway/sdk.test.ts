import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { GATEWAY_KEY, GatewayUnderTest, RouteEventLog, SEED_PACK, startSims } from './gateway.fixture.js';

// The seed pack plus one group per direction the SDK tests need.
const PACK = SEED_PACK.replace(
  '  targets:\n    - id: openai-main',
  `    - name: claude
      targets:
        - anthropic-last-resort
    - name: openai-only
      targets:
        - openai-main
    - name: embeddings
      aliases:
        - text-embedding-3-small
      targets:
        - openai-embeddings
  targets:
    - id: openai-embeddings
      provider: openai:embeddings:text-embedding-3-small
      secret_key_ref:
        env: OPENAI_API_KEY
    - id: openai-main`,
);

describe('official SDKs against the gateway', () => {
  let sims: Simulators;
  let gateway: GatewayUnderTest;
  let events: RouteEventLog;
  let openai: OpenAI;
  let anthropic: Anthropic;

  beforeAll(async () => {
    sims = await startSims();
    events = await RouteEventLog.start();
    gateway = await GatewayUnderTest.start(sims, { pack: PACK });
    openai = new OpenAI({ apiKey: GATEWAY_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    anthropic = new Anthropic({ apiKey: GATEWAY_KEY, baseURL: gateway.url, maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.stop();
    await events?.stop();
    await sims?.stop();
  });

  it('openai: chat completion through a logical model name', async () => {
    const { data, response } = await openai.chat.completions
      .create({ model: 'gpt-5.4-mini', messages: [{ role: 'user', content: 'Hello' }], max_tokens: 8 })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.choices[0]!.message.content).toMatch(/kt/);
    expect(data.usage?.completion_tokens).toBe(8);
    const event = await events.one(response.headers.get('x-request-id')!);
    expect(event).toMatchObject({
      type: 'route.completed',
      endpoint: 'chat.completions',
      usage: { output_tokens: 8 },
    });
  });

  it('openai: streaming chat with usage, priced from the usage the stream reported', async () => {
    const { data: stream, response } = await openai.chat.completions
      .create({
        model: 'openai-only',
        messages: [{ role: 'user', content: 'Stream please' }],
        max_tokens: 12,
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(text).toMatch(/kt/);
    expect(usage?.completion_tokens).toBe(12);
    const event = await events.one(response.headers.get('x-request-id')!);
    expect(event).toMatchObject({ type: 'route.completed', stream: true, usage: { output_tokens: 12 } });
    expect(event.cost.priced_by).toBe('catalog');
    expect(BigInt(event.cost.micro_usd)).toBeGreaterThan(0n);
  });

  it('openai: a stream without include_usage is still priced (kt asks upstream for usage)', async () => {
    const { data: stream, response } = await openai.chat.completions
      .create({
        model: 'openai-only',
        messages: [{ role: 'user', content: 'x' }],
        max_tokens: 5,
        stream: true,
      })
      .withResponse();
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((c) => !c.usage)).toBe(true);
    const event = await events.one(response.headers.get('x-request-id')!);
    expect(event.usage.output_tokens).toBe(5);
  });

  it('openai: embeddings and models.list', async () => {
    const embedding = await openai.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'] });
    expect(embedding.data).toHaveLength(2);
    expect(embedding.data[0]!.embedding.length).toBeGreaterThan(0);
    const models = [];
    for await (const model of openai.models.list()) models.push(model.id);
    expect(models).toEqual(
      expect.arrayContaining(['production-llm', 'gpt-5.4-mini', 'backup-llm', 'claude', 'embeddings']),
    );
  });

  it('openai client → anthropic upstream (translated both ways), JSON and streaming', async () => {
    const completion = await openai.chat.completions.create({
      model: 'claude',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
      ],
      max_tokens: 6,
    });
    expect(completion.choices[0]!.message.content).toMatch(/kt/);
    expect(completion.choices[0]!.finish_reason).toBe('length');
    expect(sims.stats().anthropic.endpoints.messages).toBeGreaterThanOrEqual(1);

    const stream = await openai.chat.completions.create({
      model: 'claude',
      messages: [{ role: 'user', content: 'Hello' }],
      max_tokens: 4,
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toMatch(/kt/);
  });

  it('openai client → anthropic upstream: tool calls come back as tool_calls', async () => {
    const completion = await openai.chat.completions.create({
      model: 'claude',
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [
        {
          type: 'function',
          function: { name: 'get_weather', parameters: { type: 'object', properties: {} } },
        },
      ],
      max_tokens: 50,
    });
    expect(completion.choices[0]!.finish_reason).toBe('tool_calls');
    expect(completion.choices[0]!.message.tool_calls?.[0]).toMatchObject({
      type: 'function',
      function: { name: 'get_weather' },
    });
  });

  it('anthropic client → openai upstream, JSON and streaming', async () => {
    const message = await anthropic.messages.create({
      model: 'openai-only',
      max_tokens: 7,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(message.type).toBe('message');
    expect(message.content[0]).toMatchObject({ type: 'text' });
    expect(message.usage.output_tokens).toBe(7);
    expect(message.stop_reason).toBe('max_tokens');

    const stream = anthropic.messages.stream({
      model: 'openai-only',
      max_tokens: 5,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const final = await stream.finalMessage();
    expect(final.content[0]).toMatchObject({ type: 'text' });
    expect(final.usage.output_tokens).toBe(5);
  });

  it('anthropic client → anthropic upstream through the gateway', async () => {
    const message = await anthropic.messages.create({
      model: 'claude',
      max_tokens: 3,
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(message.content[0]).toMatchObject({ type: 'text' });
  });

  it('anthropic client gets Anthropic-shaped errors', async () => {
    await expect(
      anthropic.messages.create({ model: 'nope', max_tokens: 3, messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({ status: 404, error: { type: 'error', error: { type: 'not_found_error' } } });
    const wrong = new Anthropic({ apiKey: 'wrong', baseURL: gateway.url, maxRetries: 0 });
    await expect(
      wrong.messages.create({ model: 'claude', max_tokens: 3, messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
  });

  it('openai client gets typed errors: 401 and 404', async () => {
    const wrong = new OpenAI({ apiKey: 'wrong', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    await expect(
      wrong.chat.completions.create({ model: 'gpt-5.4-mini', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(
      openai.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });
});
