import Anthropic, {
  InternalServerError as AnthropicServerError,
  OverloadedError,
  RateLimitError as AnthropicRateLimitError,
  ServiceUnavailableError,
} from '@anthropic-ai/sdk';
import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  AzureOpenAI,
  InternalServerError,
  RateLimitError,
} from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { collect, startTestSimulators } from './sim.fixture.js';

const hi = [{ role: 'user' as const, content: 'hi' }];
const MODEL = 'claude-3-5-sonnet-20241022';

describe('fault injection, as the official SDKs see it', () => {
  let sims: Simulators;
  let openai: OpenAI;
  let azure: AzureOpenAI;
  let anthropic: Anthropic;
  const chat = () => openai.chat.completions.create({ model: 'gpt-4o', messages: hi });
  const message = () => anthropic.messages.create({ model: MODEL, max_tokens: 5, messages: hi });
  const failure = (promise: Promise<unknown>): Promise<unknown> =>
    promise.then(
      () => null,
      (e: unknown) => e,
    );

  beforeAll(async () => {
    sims = await startTestSimulators();
    openai = new OpenAI({
      apiKey: sims.keys.openai,
      baseURL: `${sims.urls.openai}/v1`,
      maxRetries: 0,
      timeout: 5_000,
    });
    azure = new AzureOpenAI({
      apiKey: sims.keys.azure,
      endpoint: sims.urls.azure,
      apiVersion: '2024-10-21',
      deployment: 'prod',
      maxRetries: 0,
    });
    anthropic = new Anthropic({
      apiKey: sims.keys.anthropic,
      baseURL: sims.urls.anthropic,
      maxRetries: 0,
      timeout: 5_000,
    });
  });
  afterAll(() => sims.stop());
  beforeEach(() => sims.reset());

  it('delays the first byte by the configured latency', async () => {
    await sims.setFaults('openai', { latency: 150 });
    const began = performance.now();
    await chat();
    expect(performance.now() - began).toBeGreaterThanOrEqual(140);
    await sims.setFaults('openai', {});
    const quick = performance.now();
    await chat();
    expect(performance.now() - quick).toBeLessThan(140);
  });

  it('draws latency from a distribution', async () => {
    await sims.setFaults('anthropic', { latency: 'uniform:60:90' });
    const began = performance.now();
    await message();
    expect(performance.now() - began).toBeGreaterThanOrEqual(55);
  });

  it('answers 429 with a retry-after header that the SDK exposes', async () => {
    await sims.setFaults('openai', { errorRate: 1, errorStatus: 429, retryAfter: 3 });
    const error = await failure(chat());
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).headers.get('retry-after')).toBe('3');
    expect((error as RateLimitError).error).toMatchObject({ code: 'rate_limit_exceeded' });
  });

  it("answers Anthropic's 429 in its own shape", async () => {
    await sims.setFaults('anthropic', { errorRate: 1, errorStatus: 429, retryAfter: 2 });
    const error = await failure(message());
    expect(error).toBeInstanceOf(AnthropicRateLimitError);
    expect((error as AnthropicRateLimitError).headers.get('retry-after')).toBe('2');
    expect((error as AnthropicRateLimitError).error).toMatchObject({
      type: 'error',
      error: { type: 'rate_limit_error' },
    });
  });

  it.each([500, 503] as const)('answers OpenAI and Azure requests with %i', async (status) => {
    await sims.setFaults('openai', { errorRate: 1, errorStatus: status });
    await sims.setFaults('azure', { errorRate: 1, errorStatus: status });
    const [viaOpenAi, viaAzure] = await Promise.all([
      failure(chat()),
      failure(azure.chat.completions.create({ model: 'x', messages: hi })),
    ]);
    expect(viaOpenAi).toBeInstanceOf(InternalServerError);
    expect((viaOpenAi as InternalServerError).status).toBe(status);
    expect((viaOpenAi as InternalServerError).error).toMatchObject({ type: 'server_error' });
    expect((viaAzure as InternalServerError).status).toBe(status);
    expect((viaAzure as InternalServerError).error).toMatchObject({
      code: status === 500 ? 'InternalServerError' : 'ServiceUnavailable',
    });
  });

  it.each([
    { status: 500, type: 'api_error', errorClass: AnthropicServerError },
    { status: 503, type: 'api_error', errorClass: ServiceUnavailableError },
    { status: 529, type: 'overloaded_error', errorClass: OverloadedError },
  ] as const)('answers Anthropic requests with $status ($type)', async ({ status, type, errorClass }) => {
    await sims.setFaults('anthropic', { errorRate: 1, errorStatus: status });
    const error = await failure(message());
    expect(error).toBeInstanceOf(errorClass);
    expect((error as AnthropicServerError).status).toBe(status);
    expect((error as AnthropicServerError).error).toMatchObject({ type: 'error', error: { type } });
  });

  it('refuses 529 for OpenAI, which never sends it', async () => {
    await expect(sims.setFaults('openai', { errorStatus: 529 })).rejects.toThrow(
      /529 \(overloaded\) is Anthropic-only/,
    );
  });

  it('hangs until the SDK times out', async () => {
    await sims.setFaults('openai', { hang: true });
    const impatient = new OpenAI({
      apiKey: sims.keys.openai,
      baseURL: `${sims.urls.openai}/v1`,
      maxRetries: 0,
      timeout: 200,
    });
    const began = performance.now();
    const error = await failure(impatient.chat.completions.create({ model: 'gpt-4o', messages: hi }));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(performance.now() - began).toBeGreaterThanOrEqual(190);
    expect(sims.stats().openai.outcomes).toEqual({ hang: 1 });
  });

  it('refuses connections during an outage, keeps the admin API up, and comes back on demand', async () => {
    await chat(); // leaves a keep-alive connection that the outage must drop too
    await sims.setFaults('openai', { outage: true });
    const error = await failure(chat());
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(JSON.stringify(causes(error))).toContain('ECONNREFUSED');
    expect((await fetch(`${sims.urls.admin}/healthz`)).status).toBe(200);
    expect((await message()).stop_reason).toBe('max_tokens');

    await sims.setFaults('openai', {});
    expect((await chat()).choices[0]?.message.content).toContain('kt.');
  });

  it('cuts an OpenAI stream after N chunks, so the SDK stream throws', async () => {
    await sims.setFaults('openai', { streamCutAfter: 3 });
    const received: string[] = [];
    const stream = await openai.chat.completions.create({ model: 'gpt-4o', messages: hi, stream: true });
    await expect(
      (async () => {
        for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
      })(),
    ).rejects.toThrow();
    expect(received).toEqual(['', 'kt.', ' kt.']);
    expect(sims.stats().openai.outcomes).toEqual({ 'stream-cut': 1 });
  });

  it('cuts an Anthropic stream, so finalMessage() rejects', async () => {
    await sims.setFaults('anthropic', { streamCutAfter: 4 });
    const stream = anthropic.messages.stream({ model: MODEL, max_tokens: 10, messages: hi });
    const seen: string[] = [];
    stream.on('streamEvent', (event) => seen.push(event.type));
    await expect(stream.finalMessage()).rejects.toThrow();
    // message_start, content_block_start, ping (which the SDK does not surface), one text delta.
    expect(seen).toEqual(['message_start', 'content_block_start', 'content_block_delta']);
    expect(sims.stats().anthropic.outcomes).toEqual({ 'stream-cut': 1 });
  });

  it('sends a truncated JSON body with status 200, which the SDK cannot parse', async () => {
    await sims.setFaults('openai', { malformed: true });
    await sims.setFaults('anthropic', { malformed: true });
    await expect(chat()).rejects.toThrow();
    await expect(message()).rejects.toThrow();
    const raw = await fetch(`${sims.urls.openai}/v1/models`, {
      headers: { authorization: `Bearer ${sims.keys.openai}` },
    });
    expect(raw.status).toBe(200);
    const text = await raw.text();
    expect(text.startsWith('{"object":"list"')).toBe(true);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(sims.stats().openai.outcomes).toEqual({ malformed: 2 });
  });

  it('sends a broken first event in a malformed stream', async () => {
    await sims.setFaults('openai', { malformed: true });
    const stream = await openai.chat.completions.create({ model: 'gpt-4o', messages: hi, stream: true });
    await expect(collect(stream)).rejects.toThrow();
  });

  it('leaves the other vendors alone', async () => {
    await sims.setFaults('openai', { errorRate: 1, errorStatus: 500 });
    await expect(message()).resolves.toMatchObject({ type: 'message' });
    await expect(azure.chat.completions.create({ model: 'x', messages: hi })).resolves.toMatchObject({
      object: 'chat.completion',
    });
  });
});

/** The error and its `cause` chain, where undici reports ECONNREFUSED. */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current instanceof Error && chain.length < 5) {
    chain.push({ message: current.message, code: (current as { code?: unknown }).code });
    current = current.cause;
  }
  return chain;
}
