import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenUsageFromAnthropic, tokenUsageFromOpenAI } from './token-usage.reader.js';
import type { TokenUsage } from './upstream.types.js';

describe('tokenUsageFromOpenAI', () => {
  it.each<[string, unknown, TokenUsage | null]>([
    [
      'reads chat usage',
      { prompt_tokens: 10, completion_tokens: 4, total_tokens: 14 },
      { inputTokens: 10, outputTokens: 4 },
    ],
    [
      'keeps cached prompt tokens apart',
      {
        prompt_tokens: 100,
        completion_tokens: 1,
        total_tokens: 101,
        prompt_tokens_details: { cached_tokens: 80 },
      },
      { inputTokens: 100, outputTokens: 1, cacheReadTokens: 80 },
    ],
    [
      'reads embeddings usage with no completion tokens',
      { prompt_tokens: 8, total_tokens: 8 },
      { inputTokens: 8, outputTokens: 0 },
    ],
    ['is null for a null usage', null, null],
    ['is null when counts are not numbers', { prompt_tokens: '10' }, null],
    [
      'keeps reasoning tokens apart',
      { prompt_tokens: 10, completion_tokens: 40, completion_tokens_details: { reasoning_tokens: 32 } },
      { inputTokens: 10, outputTokens: 40, reasoningTokens: 32 },
    ],
    [
      'caps cached tokens at the prompt',
      { prompt_tokens: 10, completion_tokens: 4, prompt_tokens_details: { cached_tokens: 1_000_000 } },
      { inputTokens: 10, outputTokens: 4, cacheReadTokens: 10 },
    ],
    [
      'caps reasoning tokens at the completion',
      { prompt_tokens: 10, completion_tokens: 4, completion_tokens_details: { reasoning_tokens: 9 } },
      { inputTokens: 10, outputTokens: 4, reasoningTokens: 4 },
    ],
    ['is null for a prompt count past 2^53', { prompt_tokens: 1e20, completion_tokens: 4 }, null],
    [
      'drops a cached count that is no safe integer',
      { prompt_tokens: 10, completion_tokens: 4, prompt_tokens_details: { cached_tokens: 1e20 } },
      { inputTokens: 10, outputTokens: 4 },
    ],
  ])('%s', (_name, usage, expected) => {
    expect(tokenUsageFromOpenAI(usage)).toEqual(expected);
  });
});

describe('tokenUsageFromAnthropic', () => {
  it.each<[string, unknown, TokenUsage | null]>([
    ['reads plain usage', { input_tokens: 10, output_tokens: 4 }, { inputTokens: 10, outputTokens: 4 }],
    [
      'adds cache reads and writes to input and keeps them apart',
      { input_tokens: 10, output_tokens: 4, cache_read_input_tokens: 100, cache_creation_input_tokens: 50 },
      { inputTokens: 160, outputTokens: 4, cacheReadTokens: 100, cacheWriteTokens: 50 },
    ],
    ['is null without output tokens', { input_tokens: 10 }, null],
    [
      'keeps 1-hour cache writes apart',
      {
        input_tokens: 10,
        output_tokens: 4,
        cache_creation_input_tokens: 500,
        cache_creation: { ephemeral_5m_input_tokens: 200, ephemeral_1h_input_tokens: 300 },
      },
      { inputTokens: 510, outputTokens: 4, cacheWriteTokens: 500, cacheWrite1hTokens: 300 },
    ],
    [
      'caps 1-hour writes at all writes',
      {
        input_tokens: 10,
        output_tokens: 4,
        cache_creation_input_tokens: 100,
        cache_creation: { ephemeral_1h_input_tokens: 9_000 },
      },
      { inputTokens: 110, outputTokens: 4, cacheWriteTokens: 100, cacheWrite1hTokens: 100 },
    ],
    [
      'takes the writes from cache_creation when the total is missing',
      {
        input_tokens: 1,
        output_tokens: 1,
        cache_creation: { ephemeral_5m_input_tokens: 2, ephemeral_1h_input_tokens: 3 },
      },
      { inputTokens: 6, outputTokens: 1, cacheWriteTokens: 5, cacheWrite1hTokens: 3 },
    ],
    ['is null for an output count past 2^53', { input_tokens: 1, output_tokens: 1e20 }, null],
    [
      'is null when the input parts add up past 2^53',
      { input_tokens: Number.MAX_SAFE_INTEGER, output_tokens: 1, cache_read_input_tokens: 5 },
      null,
    ],
  ])('%s', (_name, usage, expected) => {
    expect(tokenUsageFromAnthropic(usage)).toEqual(expected);
  });
});

/** Whatever an upstream sends, a usage that is read is one pricing accepts. */
describe('token usage readers on hostile input', () => {
  const hostile = fc.oneof(
    fc.integer({ min: -5, max: 1_000 }),
    fc.constantFrom(1e20, Number.MAX_SAFE_INTEGER, -0, 2.5, Number.NaN, Infinity),
    fc.string(),
    fc.constant(null),
  );
  const consistent = (usage: TokenUsage | null): void => {
    if (usage === null) return;
    const parts = [
      usage.inputTokens,
      usage.outputTokens,
      usage.cacheReadTokens ?? 0,
      usage.cacheWriteTokens ?? 0,
      usage.cacheWrite1hTokens ?? 0,
      usage.reasoningTokens ?? 0,
    ];
    for (const part of parts) expect(Number.isSafeInteger(part) && part >= 0).toBe(true);
    expect((usage.cacheReadTokens ?? 0) + (usage.cacheWriteTokens ?? 0)).toBeLessThanOrEqual(
      usage.inputTokens,
    );
    expect(usage.cacheWrite1hTokens ?? 0).toBeLessThanOrEqual(usage.cacheWriteTokens ?? 0);
    expect(usage.reasoningTokens ?? 0).toBeLessThanOrEqual(usage.outputTokens);
  };

  it('reads OpenAI usage as consistent counts', () => {
    fc.assert(
      fc.property(
        hostile,
        hostile,
        hostile,
        hostile,
        hostile,
        (prompt, completion, total, cached, reasoning) => {
          consistent(
            tokenUsageFromOpenAI({
              prompt_tokens: prompt,
              completion_tokens: completion,
              total_tokens: total,
              prompt_tokens_details: { cached_tokens: cached },
              completion_tokens_details: { reasoning_tokens: reasoning },
            }),
          );
        },
      ),
    );
  });

  it('reads Anthropic usage as consistent counts', () => {
    fc.assert(
      fc.property(
        hostile,
        hostile,
        hostile,
        hostile,
        hostile,
        hostile,
        (input, output, read, write, m5, h1) => {
          consistent(
            tokenUsageFromAnthropic({
              input_tokens: input,
              output_tokens: output,
              cache_read_input_tokens: read,
              cache_creation_input_tokens: write,
              cache_creation: { ephemeral_5m_input_tokens: m5, ephemeral_1h_input_tokens: h1 },
            }),
          );
        },
      ),
    );
  });
});
