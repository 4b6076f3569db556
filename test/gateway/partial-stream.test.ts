import Anthropic from '@anthropic-ai/sdk';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import OpenAI from 'openai';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RouteEvent } from '@kt/contracts';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import type { Vendor } from '../../apps/provider-sim/src/vendor.model.js';
import { GATEWAY_KEY, GatewayUnderTest, requestId, RouteEventLog, startSims } from './gateway.fixture.js';

// One group per vendor, no fallback: a cut stream is billed on the target that cut it.
const PACK = `
pack: { name: partial-streams, version: "1.0.0", enabled: true }
providers:
  routing: { strategy: ordered }
  fallback: { enabled: false }
  model_groups:
    - { name: openai-chat, targets: [openai-main] }
    - { name: azure-chat, targets: [azure-deployment] }
    - { name: anthropic-chat, targets: [anthropic-main] }
    - { name: openai-slow, targets: [openai-timeout] }
  targets:
    - id: openai-main
      provider: openai:chat:gpt-5.4-mini
      secret_key_ref: { env: OPENAI_API_KEY }
      timeout_ms: 60000
    - id: azure-deployment
      provider: azure:chat:kt-prod-mini
      base_model: gpt-5.4-mini
      secret_key_ref: { env: AZURE_OPENAI_API_KEY }
    - id: anthropic-main
      provider: anthropic:chat:claude-3-5-sonnet-20241022
      secret_key_ref: { env: ANTHROPIC_API_KEY }
    - id: openai-timeout
      provider: openai:chat:gpt-5.4-mini
      secret_key_ref: { env: OPENAI_API_KEY }
      timeout_ms: 1000
`;

const MESSAGES = [{ role: 'user' as const, content: 'Tell me a story about a lighthouse keeper.' }];

/**
 * The true count of what the client got. The simulators do not tokenize (they count one token per
 * 4 bytes), so "what the simulator says it sent" is not comparable: the truth here is o200k — the
 * vocabulary of gpt-5.4-mini, and the stand-in kt documents for Claude — applied by the test itself
 * (not through kt's counting code) to exactly the text the SDK handed the client.
 */
const trueTokens = (text: string): number => countTokens(text);

function expectEstimated(event: RouteEvent, delivered: string): void {
  expect(delivered.length).toBeGreaterThan(0);
  expect(event.cost.priced_by).toBe('estimate');
  expect(BigInt(event.cost.micro_usd)).toBeGreaterThan(0n);
  const attempt = event.attempts.at(-1)!;
  expect(attempt.usage!.input_tokens).toBeGreaterThan(0);
  const truth = trueTokens(delivered);
  expect(Math.abs(attempt.usage!.output_tokens - truth)).toBeLessThanOrEqual(Math.ceil(truth * 0.1));
}

describe('streams that end without the upstream usage are billed from a token count', () => {
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

  beforeEach(async () => {
    await sims.reset();
  });

  afterAll(async () => {
    await gateway?.stop();
    await events?.stop();
    await sims?.stop();
  });

  /** Streams through the official SDK; returns the text it delivered and whether the stream failed. */
  async function streamChat(model: string, id: string, stopAfterChunks = Infinity) {
    const stream = await openai.chat.completions.create(
      { model, messages: MESSAGES, stream: true },
      { headers: { 'x-request-id': id } },
    );
    let text = '';
    let chunks = 0;
    let failed = false;
    try {
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        if (++chunks >= stopAfterChunks) {
          stream.controller.abort();
          break;
        }
      }
    } catch {
      failed = true;
    }
    return { text, failed };
  }

  it.each([
    ['openai', 'openai-chat', 6],
    ['azure', 'azure-chat', 6],
    ['anthropic', 'anthropic-chat', 7],
  ] as const)('%s: a stream cut by the upstream is billed > 0 as an estimate', async (vendor, model, cut) => {
    await sims.setFaults(vendor as Vendor, { streamCutAfter: cut });
    const id = requestId(`cut-${vendor}`);
    const { text, failed } = await streamChat(model, id);
    expect(failed).toBe(true);
    const event = await events.one(id);
    expect(event.attempts.at(-1)).toMatchObject({ error_kind: 'stream_cut' });
    expectEstimated(event, text);
  });

  it('anthropic: the cut stream keeps the exact input count message_start reported', async () => {
    const whole = requestId('whole-anthropic');
    await streamChat('anthropic-chat', whole);
    const complete = await events.one(whole);
    // A stream that ends properly keeps the upstream's own usage.
    expect(complete.cost.priced_by).toBe('catalog');

    await sims.setFaults('anthropic', { streamCutAfter: 7 });
    const cut = requestId('cut-anthropic-input');
    const { text } = await streamChat('anthropic-chat', cut);
    const event = await events.one(cut);
    expect(event.attempts.at(-1)!.usage!.input_tokens).toBe(complete.usage.input_tokens);
    // Never message_start's placeholder output count of 1.
    expect(event.attempts.at(-1)!.usage!.output_tokens).toBe(trueTokens(text));
    expect(trueTokens(text)).toBeGreaterThan(1);
  });

  it('a client that hangs up mid-stream is billed as an estimate and the upstream request is aborted', async () => {
    // The simulator sends 6 events (6 chunks: the role, then words), then stalls with the socket open.
    await sims.setFaults('openai', { streamStallAfter: 6 });
    const id = requestId('client-gone');
    const { text } = await streamChat('openai-chat', id, 6);
    // The target's timeout is 60 s: only the gateway cancelling the request closes it this soon.
    const deadline = Date.now() + 5_000;
    while (sims.stats().openai.outcomes['client-closed'] !== 1 && Date.now() < deadline) await sleep(50);
    expect(sims.stats().openai.outcomes['client-closed']).toBe(1);
    const event = await events.one(id);
    expect(event).toMatchObject({ status: 499 });
    expect(event.attempts.at(-1)).toMatchObject({ error_kind: 'aborted' });
    expectEstimated(event, text);
  });

  it('a stream the upstream stalls until the target timeout is billed as an estimate', async () => {
    await sims.setFaults('openai', { streamStallAfter: 5 });
    const id = requestId('timeout');
    const { text, failed } = await streamChat('openai-slow', id);
    expect(failed).toBe(true);
    const event = await events.one(id);
    expect(event.attempts.at(-1)).toMatchObject({ error_kind: 'timeout' });
    expectEstimated(event, text);
  });

  it('anthropic: tool-call arguments cut in 8-character deltas are counted as the joined JSON', async () => {
    // 3 events (message_start, content_block_start, ping), then 12 input_json_delta events of 8 characters.
    await sims.setFaults('anthropic', { streamCutAfter: 15 });
    const id = requestId('cut-tool-args');
    const string = { type: 'string' };
    const stream = await openai.chat.completions.create(
      {
        model: 'anthropic-chat',
        messages: [{ role: 'user', content: 'What is the weather in Paris this week?' }],
        tools: [
          {
            type: 'function',
            function: {
              name: 'get_weather',
              parameters: {
                type: 'object',
                properties: {
                  location: string,
                  unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
                  forecast_days: { type: 'integer' },
                  include_hourly: { type: 'boolean' },
                  include_alerts: { type: 'boolean' },
                  language: string,
                  region_name: string,
                  country_code: string,
                },
              },
            },
          },
        ],
        stream: true,
      },
      { headers: { 'x-request-id': id } },
    );
    let name = '';
    let args = '';
    await expect(
      (async () => {
        for await (const chunk of stream) {
          const call = chunk.choices[0]?.delta.tool_calls?.[0];
          name += call?.function?.name ?? '';
          args += call?.function?.arguments ?? '';
        }
      })(),
    ).rejects.toThrow();
    expect(args.length).toBe(96);
    const event = await events.one(id);
    expect(event.cost.priced_by).toBe('estimate');
    const truth = trueTokens(name) + trueTokens(args);
    // Counted piece by piece the 12 deltas came to ~85 % more than the joined JSON.
    expect(Math.abs(event.attempts.at(-1)!.usage!.output_tokens - truth)).toBeLessThanOrEqual(
      Math.ceil(truth * 0.1),
    );
  });

  it('/v1/messages (Anthropic dialect): a cut stream is billed the same way', async () => {
    await sims.setFaults('openai', { streamCutAfter: 6 });
    const id = requestId('cut-messages');
    const stream = anthropic.messages.stream(
      { model: 'openai-chat', max_tokens: 256, messages: MESSAGES },
      { headers: { 'x-request-id': id } },
    );
    let text = '';
    stream.on('text', (delta) => {
      text += delta;
    });
    await expect(stream.done()).rejects.toThrow();
    const event = await events.one(id);
    expect(event.endpoint).toBe('messages');
    expectEstimated(event, text);
  });
});
