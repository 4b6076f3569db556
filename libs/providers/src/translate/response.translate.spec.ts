import { describe, expect, it } from 'vitest';
import type { AnthropicResponse } from '../anthropic/anthropic.types.js';
import type { ChatCompletion } from '../openai/openai.types.js';
import { anthropicResponseToOpenAI } from './anthropic-to-openai.response.js';
import { openAIResponseToAnthropic } from './openai-to-anthropic.response.js';

const CREATED = 1_700_000_000;

const anthropic = (overrides: Partial<AnthropicResponse>): AnthropicResponse => ({
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-x',
  content: [{ type: 'text', text: 'Hello' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 12, output_tokens: 3 },
  ...overrides,
});

const completion = (
  message: Partial<ChatCompletion['choices'][number]['message']>,
  finish: ChatCompletion['choices'][number]['finish_reason'],
  extra: Partial<ChatCompletion> = {},
): ChatCompletion => ({
  id: 'msg_1',
  object: 'chat.completion',
  created: CREATED,
  model: 'claude-x',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: null, refusal: null, ...message },
      finish_reason: finish,
      logprobs: null,
    },
  ],
  usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
  ...extra,
});

describe('anthropicResponseToOpenAI', () => {
  it.each<[string, AnthropicResponse, ChatCompletion]>([
    ['turns a text block into content', anthropic({}), completion({ content: 'Hello' }, 'stop')],
    [
      'joins several text blocks',
      anthropic({
        content: [
          { type: 'text', text: 'Hel' },
          { type: 'text', text: 'lo' },
        ],
      }),
      completion({ content: 'Hello' }, 'stop'),
    ],
    [
      'turns tool_use blocks into tool_calls with JSON arguments',
      anthropic({
        content: [
          { type: 'text', text: 'Let me check.' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'toolu_2', name: 'now', input: {} },
        ],
        stop_reason: 'tool_use',
      }),
      completion(
        {
          content: 'Let me check.',
          tool_calls: [
            {
              id: 'toolu_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
            { id: 'toolu_2', type: 'function', function: { name: 'now', arguments: '{}' } },
          ],
        },
        'tool_calls',
      ),
    ],
    [
      'leaves content null when only tools were called',
      anthropic({ content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }], stop_reason: 'tool_use' }),
      completion(
        {
          content: null,
          tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
        'tool_calls',
      ),
    ],
    [
      'leaves thinking blocks out',
      anthropic({
        content: [
          { type: 'thinking', thinking: 'hmm', signature: 's' },
          { type: 'text', text: 'Hello' },
        ],
      }),
      completion({ content: 'Hello' }, 'stop'),
    ],
    [
      'maps stop_sequence to stop',
      anthropic({ stop_reason: 'stop_sequence', stop_sequence: 'END' }),
      completion({ content: 'Hello' }, 'stop'),
    ],
    [
      'maps max_tokens to length',
      anthropic({ stop_reason: 'max_tokens' }),
      completion({ content: 'Hello' }, 'length'),
    ],
    [
      'counts cache tokens into prompt tokens',
      anthropic({
        usage: {
          input_tokens: 2,
          output_tokens: 3,
          cache_read_input_tokens: 10,
          cache_creation_input_tokens: 0,
        },
      }),
      completion({ content: 'Hello' }, 'stop', {
        usage: {
          prompt_tokens: 12,
          completion_tokens: 3,
          total_tokens: 15,
          prompt_tokens_details: { cached_tokens: 10 },
        },
      }),
    ],
  ])('%s', (_name, input, output) => {
    expect(anthropicResponseToOpenAI(input, CREATED)).toEqual(output);
  });
});

describe('openAIResponseToAnthropic', () => {
  it.each<[string, ChatCompletion, AnthropicResponse]>([
    ['turns content into a text block', completion({ content: 'Hello' }, 'stop'), anthropic({})],
    [
      'turns tool_calls into tool_use blocks with parsed input',
      completion(
        {
          content: 'Let me check.',
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        'tool_calls',
      ),
      anthropic({
        content: [
          { type: 'text', text: 'Let me check.' },
          { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
        ],
        stop_reason: 'tool_use',
      }),
    ],
    [
      'gives truncated tool arguments an empty input',
      completion(
        { tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{"city":"Par' } }] },
        'length',
      ),
      anthropic({
        content: [{ type: 'tool_use', id: 'c', name: 'f', input: {} }],
        stop_reason: 'max_tokens',
      }),
    ],
    [
      'maps length to max_tokens',
      completion({ content: 'Hello' }, 'length'),
      anthropic({ stop_reason: 'max_tokens' }),
    ],
    [
      'maps content_filter to refusal',
      completion({ content: 'Hello' }, 'content_filter'),
      anthropic({ stop_reason: 'refusal' }),
    ],
    [
      'turns a refusal into text with stop_reason refusal',
      completion({ refusal: 'I cannot help.' }, 'stop'),
      anthropic({ content: [{ type: 'text', text: 'I cannot help.' }], stop_reason: 'refusal' }),
    ],
    [
      'moves cached tokens out of input tokens',
      completion({ content: 'Hello' }, 'stop', {
        usage: {
          prompt_tokens: 12,
          completion_tokens: 3,
          total_tokens: 15,
          prompt_tokens_details: { cached_tokens: 10 },
        },
      }),
      anthropic({ usage: { input_tokens: 2, output_tokens: 3, cache_read_input_tokens: 10 } }),
    ],
    [
      'reports zero usage when the upstream sent none',
      completion({ content: 'Hello' }, 'stop', { usage: null }),
      anthropic({ usage: { input_tokens: 0, output_tokens: 0 } }),
    ],
  ])('%s', (_name, input, output) => {
    expect(openAIResponseToAnthropic(input)).toEqual(output);
  });
});
