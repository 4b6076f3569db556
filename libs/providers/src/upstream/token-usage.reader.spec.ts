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
  ])('%s', (_name, usage, expected) => {
    expect(tokenUsageFromAnthropic(usage)).toEqual(expected);
  });
});
