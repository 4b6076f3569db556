import type { Target } from '@kt/pack';
import { countTextTokens } from '@kt/pricing';
import type { ChatRequest, TokenUsage, UpstreamStream } from '@kt/providers';
import { describe, expect, it } from 'vitest';
import { DeliveredText } from './delivered.text.js';
import { billedStreamUsage, roughStreamUsage, streamUsage } from './stream.usage.js';

const chat: ChatRequest = { model: 'g', messages: [{ role: 'user', content: 'hello world' }] };
const target = (vendor: string, model: string, baseModel?: string): Target =>
  ({ vendor, model, ...(baseModel !== undefined && { baseModel }) }) as unknown as Target;
const upstream = (
  usage: TokenUsage | null,
  usageComplete: boolean,
  hiddenText?: { text: string; omittedChars: number },
): UpstreamStream =>
  ({ usage, usageComplete, upstreamModel: 'gpt-4o-mini', hiddenText }) as unknown as UpstreamStream;

function delivered(...texts: string[]): DeliveredText {
  const d = new DeliveredText();
  for (const content of texts) {
    d.add({
      id: 'c',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }],
    });
  }
  return d;
}

describe('streamUsage', () => {
  it('keeps the upstream’s usage when it sent its final count', async () => {
    const usage = { inputTokens: 10, outputTokens: 7 };
    expect(
      await streamUsage(upstream(usage, true), delivered('hi'), chat, target('openai', 'gpt-4o')),
    ).toEqual({
      usage,
      estimated: false,
    });
  });

  it('counts request and delivered text when the upstream reported nothing', async () => {
    const result = await streamUsage(
      upstream(null, false),
      delivered('Hello', ' there, friend'),
      chat,
      target('azure', 'prod', 'gpt-4o'),
    );
    expect(result).toEqual({
      usage: { inputTokens: 9, outputTokens: await countTextTokens('Hello there, friend', 'o200k_base') },
      estimated: true,
    });
  });

  it('keeps a reported input (Anthropic message_start) and replaces its placeholder output', async () => {
    const partial = { inputTokens: 42, outputTokens: 1, cacheReadTokens: 4 };
    const result = await streamUsage(
      upstream(partial, false),
      delivered('one two three four'),
      chat,
      target('anthropic', 'claude-x'),
    );
    expect(result.estimated).toBe(true);
    expect(result.usage).toEqual({ inputTokens: 42, outputTokens: 4, cacheReadTokens: 4 });
  });

  it('bills the input even when nothing was delivered', async () => {
    const result = await streamUsage(upstream(null, false), delivered(), chat, target('openai', 'gpt-4'));
    expect(result.usage).toEqual({ inputTokens: 9, outputTokens: 0 });
  });

  it('never bills more output than max_tokens × n', async () => {
    const long = 'word '.repeat(500);
    const capped = { ...chat, max_tokens: 20, n: 2 };
    const result = await streamUsage(
      upstream(null, false),
      delivered(long),
      capped,
      target('openai', 'gpt-4o'),
    );
    expect(result.usage.outputTokens).toBe(40);
    const uncapped = await streamUsage(
      upstream(null, false),
      delivered(long),
      chat,
      target('openai', 'gpt-4o'),
    );
    expect(uncapped.usage.outputTokens).toBeGreaterThan(400);
  });

  it('estimates the output when the upstream reports 0 output tokens for an answer that had text', async () => {
    const zero = { inputTokens: 30, outputTokens: 0 };
    const result = await streamUsage(
      upstream(zero, true),
      delivered('one two three'),
      chat,
      target('openai-compatible', 'llama'),
    );
    expect(result).toEqual({ usage: { inputTokens: 30, outputTokens: 3 }, estimated: true });
    expect(await streamUsage(upstream(zero, true), delivered(), chat, target('openai', 'x'))).toEqual({
      usage: zero,
      estimated: false,
    });
  });

  it('counts Anthropic thinking the client never saw', async () => {
    const partial = { inputTokens: 42, outputTokens: 1 };
    const thinking = { text: 'one two three four five', omittedChars: 40 };
    const result = await billedStreamUsage(
      upstream(partial, false, thinking),
      delivered('Yes'),
      chat,
      target('anthropic', 'claude-x'),
    );
    // "Yes" 1 + thinking 5 + 40 omitted characters / 4
    expect(result).toEqual({ usage: { inputTokens: 42, outputTokens: 16 }, estimated: true });
  });

  it('estimates by characters/4 without a tokenizer, input from the request’s bytes/4', () => {
    const result = roughStreamUsage(upstream(null, false), delivered('Hello there, friend'), chat);
    // 3 priming + 3 framing + ceil(("user" + "hello world") bytes / 4) = 6 + 4; output ceil(19/4)
    expect(result).toEqual({ usage: { inputTokens: 10, outputTokens: 5 }, estimated: true });
  });
});
