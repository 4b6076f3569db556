import { describe, expect, it } from 'vitest';
import type { AnthropicStopReason, AnthropicUsage } from '../anthropic/anthropic.types.js';
import type { FinishReason, OpenAIUsage } from '../openai/openai.types.js';
import { parseDataUrl } from './data-url.js';
import { anthropicStopToFinishReason, finishReasonToAnthropicStop } from './stop-reason.map.js';
import { anthropicUsageToOpenAI, openAIUsageToAnthropic } from './usage.map.js';

describe('stop reasons', () => {
  it.each<[AnthropicStopReason | null, FinishReason | null]>([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['pause_turn', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    [null, null],
  ])('Anthropic %s finishes as OpenAI %s', (stop, finish) => {
    expect(anthropicStopToFinishReason(stop)).toBe(finish);
  });

  it.each<[FinishReason | null, AnthropicStopReason | null]>([
    ['stop', 'end_turn'],
    ['length', 'max_tokens'],
    ['tool_calls', 'tool_use'],
    ['function_call', 'tool_use'],
    ['content_filter', 'refusal'],
    [null, null],
  ])('OpenAI %s stops as Anthropic %s', (finish, stop) => {
    expect(finishReasonToAnthropicStop(finish)).toBe(stop);
  });
});

describe('usage', () => {
  it.each<[string, AnthropicUsage, OpenAIUsage]>([
    [
      'counts plain tokens',
      { input_tokens: 10, output_tokens: 5 },
      { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    ],
    [
      'folds cache reads and writes into prompt tokens',
      { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 100, cache_read_input_tokens: 1000 },
      {
        prompt_tokens: 1110,
        completion_tokens: 5,
        total_tokens: 1115,
        prompt_tokens_details: { cached_tokens: 1000 },
      },
    ],
    [
      'treats null cache counts as zero',
      { input_tokens: 3, output_tokens: 1, cache_creation_input_tokens: null, cache_read_input_tokens: null },
      { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
    ],
  ])('Anthropic → OpenAI %s', (_name, anthropic, openai) => {
    expect(anthropicUsageToOpenAI(anthropic)).toEqual(openai);
  });

  it.each<[string, OpenAIUsage, AnthropicUsage]>([
    [
      'counts plain tokens',
      { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      { input_tokens: 10, output_tokens: 5 },
    ],
    [
      'moves cached tokens out of input tokens',
      {
        prompt_tokens: 1010,
        completion_tokens: 5,
        total_tokens: 1015,
        prompt_tokens_details: { cached_tokens: 1000 },
      },
      { input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 1000 },
    ],
  ])('OpenAI → Anthropic %s', (_name, openai, anthropic) => {
    expect(openAIUsageToAnthropic(openai)).toEqual(anthropic);
  });
});

describe('parseDataUrl', () => {
  it.each([
    ['data:image/png;base64,iVBORw0K', { mediaType: 'image/png', data: 'iVBORw0K' }],
    ['data:image/JPEG;name=x.jpg;base64,/9j/', { mediaType: 'image/jpeg', data: '/9j/' }],
    ['data:text/plain,hello', null],
    ['https://example.com/cat.png', null],
  ])('parses %s', (url, expected) => {
    expect(parseDataUrl(url)).toEqual(expected);
  });
});
