import { describe, expect, it } from 'vitest';
import type { AnthropicRequest } from '../anthropic/anthropic.types.js';
import type { ChatRequest } from '../openai/openai.types.js';
import { anthropicRequestToOpenAI } from './anthropic-to-openai.request.js';
import { TranslationError } from './translation.error.js';

const base = (overrides: Partial<AnthropicRequest>): AnthropicRequest => ({
  model: 'kt-model',
  max_tokens: 256,
  messages: [{ role: 'user', content: 'hi' }],
  ...overrides,
});
const expected = (overrides: Partial<ChatRequest>): ChatRequest => ({
  model: 'kt-model',
  messages: [{ role: 'user', content: 'hi' }],
  max_completion_tokens: 256,
  ...overrides,
});
const weather = {
  name: 'get_weather',
  description: 'Weather now',
  input_schema: { type: 'object', properties: { city: { type: 'string' } } },
};
const weatherFn = {
  type: 'function',
  function: { name: 'get_weather', description: 'Weather now', parameters: weather.input_schema },
} as const;

describe('anthropicRequestToOpenAI', () => {
  it.each<[string, AnthropicRequest, ChatRequest]>([
    ['sends a plain text turn with max_tokens as max_completion_tokens', base({}), expected({})],
    [
      'turns a system string into a system message',
      base({ system: 'Be brief.' }),
      expected({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'hi' },
        ],
      }),
    ],
    [
      'joins system text blocks, dropping cache_control',
      base({
        system: [
          { type: 'text', text: 'A' },
          { type: 'text', text: 'B', cache_control: { type: 'ephemeral' } },
        ],
      }),
      expected({
        messages: [
          { role: 'system', content: 'A\nB' },
          { role: 'user', content: 'hi' },
        ],
      }),
    ],
    [
      'turns text and image blocks into content parts',
      base({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0K' } },
              { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
            ],
          },
        ],
      }),
      expected({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0K' } },
              { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
            ],
          },
        ],
      }),
    ],
    [
      'sends a base64 PDF as a file part',
      base({
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'document',
                source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0' },
                title: 'spec.pdf',
              },
            ],
          },
        ],
      }),
      expected({
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'file',
                file: { file_data: 'data:application/pdf;base64,JVBERi0', filename: 'spec.pdf' },
              },
            ],
          },
        ],
      }),
    ],
    [
      'collapses a single text block to a string',
      base({ messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }),
      expected({}),
    ],
    [
      'turns tool_use blocks into tool_calls and tool_result blocks into tool messages before the user text',
      base({
        messages: [
          { role: 'user', content: 'weather in Paris?' },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'use the tool', signature: 's' },
              { type: 'text', text: 'Checking.' },
              { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'sunny' }] },
              { type: 'tool_result', tool_use_id: 'toolu_2', content: 'rain', is_error: true },
              { type: 'text', text: 'and tomorrow?' },
            ],
          },
        ],
      }),
      expected({
        messages: [
          { role: 'user', content: 'weather in Paris?' },
          {
            role: 'assistant',
            content: 'Checking.',
            tool_calls: [
              {
                id: 'toolu_1',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
              },
            ],
          },
          { role: 'tool', tool_call_id: 'toolu_1', content: [{ type: 'text', text: 'sunny' }] },
          { role: 'tool', tool_call_id: 'toolu_2', content: 'rain' },
          { role: 'user', content: 'and tomorrow?' },
        ],
      }),
    ],
    [
      'gives an assistant turn with only tool calls null content',
      base({
        messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }] }],
      }),
      expected({
        messages: [
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{}' } }],
          },
        ],
      }),
    ],
    [
      'maps tools and tool_choice auto',
      base({ tools: [weather], tool_choice: { type: 'auto' } }),
      expected({ tools: [weatherFn], tool_choice: 'auto' }),
    ],
    [
      'maps tool_choice any to required',
      base({ tools: [weather], tool_choice: { type: 'any' } }),
      expected({ tools: [weatherFn], tool_choice: 'required' }),
    ],
    [
      'maps tool_choice none',
      base({ tools: [weather], tool_choice: { type: 'none' } }),
      expected({ tools: [weatherFn], tool_choice: 'none' }),
    ],
    [
      'maps a named tool choice and disable_parallel_tool_use',
      base({
        tools: [weather],
        tool_choice: { type: 'tool', name: 'get_weather', disable_parallel_tool_use: true },
      }),
      expected({
        tools: [weatherFn],
        tool_choice: { type: 'function', function: { name: 'get_weather' } },
        parallel_tool_calls: false,
      }),
    ],
    [
      'carries sampling, stop sequences and the user id, dropping top_k',
      base({ temperature: 0.2, top_p: 0.8, top_k: 3, stop_sequences: ['END'], metadata: { user_id: 'u-1' } }),
      expected({ temperature: 0.2, top_p: 0.8, stop: ['END'], user: 'u-1' }),
    ],
    [
      'asks for usage when streaming',
      base({ stream: true }),
      expected({ stream: true, stream_options: { include_usage: true } }),
    ],
  ])('%s', (_name, request, openai) => {
    expect(anthropicRequestToOpenAI(request)).toEqual(openai);
  });

  it.each<[string, AnthropicRequest, string]>([
    [
      'a server tool',
      base({ tools: [{ type: 'web_search_20250305', name: 'web_search', input_schema: {} }] }),
      'tools[0].type',
    ],
    [
      'an image inside a tool result',
      base({
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'tool_result',
                tool_use_id: 't',
                content: [{ type: 'image', source: { type: 'url', url: 'https://x/y.png' } }],
              },
            ],
          },
        ],
      }),
      'messages[0].content[0].content[0]',
    ],
    [
      'a URL document',
      base({
        messages: [
          { role: 'user', content: [{ type: 'document', source: { type: 'url', url: 'https://x/y.pdf' } }] },
        ],
      }),
      'messages[0].content[0].source',
    ],
    [
      'a tool_use block in a user turn',
      base({ messages: [{ role: 'user', content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }] }] }),
      'messages[0].content[0]',
    ],
  ])('refuses %s, naming the field', (_name, request, param) => {
    let thrown: unknown;
    try {
      anthropicRequestToOpenAI(request);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TranslationError);
    expect((thrown as TranslationError).param).toBe(param);
  });
});
