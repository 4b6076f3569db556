import { describe, expect, it } from 'vitest';
import type { AnthropicRequest } from '../anthropic/anthropic.types.js';
import type { ChatMessage, ChatRequest } from '../openai/openai.types.js';
import { openAIRequestToAnthropic } from './openai-to-anthropic.request.js';
import { TranslationError } from './translation.error.js';

const user = (content: string): ChatMessage => ({ role: 'user', content });
const base = (overrides: Partial<ChatRequest>): ChatRequest => ({
  model: 'claude-x',
  messages: [user('hi')],
  ...overrides,
});
const expected = (overrides: Partial<AnthropicRequest>): AnthropicRequest => ({
  model: 'claude-x',
  messages: [{ role: 'user', content: 'hi' }],
  max_tokens: 4096,
  ...overrides,
});

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather now',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  },
} as const;

describe('openAIRequestToAnthropic', () => {
  it.each<[string, ChatRequest, AnthropicRequest]>([
    ['sends a plain text turn with the default max_tokens', base({}), expected({})],
    [
      'moves system and developer messages to the system prompt',
      base({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'developer', content: [{ type: 'text', text: 'Use French.' }] },
          user('hi'),
        ],
      }),
      expected({ system: 'Be brief.\n\nUse French.' }),
    ],
    [
      'merges consecutive same-role messages',
      base({
        messages: [
          user('a'),
          user('b'),
          { role: 'assistant', content: 'c' },
          { role: 'assistant', content: 'd' },
        ],
      }),
      expected({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'a' },
              { type: 'text', text: 'b' },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: 'c' },
              { type: 'text', text: 'd' },
            ],
          },
        ],
      }),
    ],
    [
      'turns multi-part content into text and image blocks',
      base({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0K' } },
              { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'high' } },
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
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0K' } },
              { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
            ],
          },
        ],
      }),
    ],
    [
      'sends an inline PDF as a document block',
      base({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0', filename: 'a.pdf' } },
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
                type: 'document',
                source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0' },
              },
            ],
          },
        ],
      }),
    ],
    [
      'keeps cache_control marks on text parts',
      base({
        messages: [
          {
            role: 'user',
            content: [{ type: 'text', text: 'long doc', cache_control: { type: 'ephemeral' } }],
          },
        ],
      }),
      expected({
        messages: [
          {
            role: 'user',
            content: [{ type: 'text', text: 'long doc', cache_control: { type: 'ephemeral' } }],
          },
        ],
      }),
    ],
    [
      'turns assistant tool_calls into tool_use blocks and tool messages into one merged tool_result turn',
      base({
        messages: [
          user('weather in Paris and Rome?'),
          {
            role: 'assistant',
            content: 'Checking.',
            tool_calls: [
              {
                id: 'call_1',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
              },
              { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '' } },
            ],
          },
          { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
          { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: 'rain' }] },
          user('thanks'),
        ],
      }),
      expected({
        messages: [
          { role: 'user', content: 'weather in Paris and Rome?' },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: 'Checking.' },
              { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
              { type: 'tool_use', id: 'call_2', name: 'get_weather', input: {} },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'call_1', content: 'sunny' },
              { type: 'tool_result', tool_use_id: 'call_2', content: 'rain' },
              { type: 'text', text: 'thanks' },
            ],
          },
        ],
      }),
    ],
    [
      'sends an assistant turn with only tool calls and null content',
      base({
        messages: [
          user('go'),
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }],
          },
        ],
      }),
      expected({
        messages: [
          { role: 'user', content: 'go' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'c', name: 'f', input: {} }] },
        ],
      }),
    ],
    [
      'maps function tools to input_schema and tool_choice auto',
      base({ tools: [weatherTool, { type: 'function', function: { name: 'noop' } }], tool_choice: 'auto' }),
      expected({
        tools: [
          {
            name: 'get_weather',
            description: 'Weather now',
            input_schema: { type: 'object', properties: { city: { type: 'string' } } },
          },
          { name: 'noop', input_schema: { type: 'object', properties: {} } },
        ],
        tool_choice: { type: 'auto' },
      }),
    ],
    [
      'maps tool_choice required to any',
      base({ tools: [weatherTool], tool_choice: 'required' }),
      expected({ tools: [expect.anything()], tool_choice: { type: 'any' } } as Partial<AnthropicRequest>),
    ],
    [
      'maps tool_choice none to none',
      base({ tools: [weatherTool], tool_choice: 'none' }),
      expected({ tools: [expect.anything()], tool_choice: { type: 'none' } } as Partial<AnthropicRequest>),
    ],
    [
      'maps a specific function choice to a tool choice',
      base({ tools: [weatherTool], tool_choice: { type: 'function', function: { name: 'get_weather' } } }),
      expected({
        tools: [expect.anything()],
        tool_choice: { type: 'tool', name: 'get_weather' },
      } as Partial<AnthropicRequest>),
    ],
    [
      'turns parallel_tool_calls false into disable_parallel_tool_use',
      base({ tools: [weatherTool], parallel_tool_calls: false }),
      expected({
        tools: [expect.anything()],
        tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      } as Partial<AnthropicRequest>),
    ],
    [
      'drops tool_choice when no tools are offered',
      base({ tools: [], tool_choice: 'required' }),
      expected({}),
    ],
    [
      'prefers max_completion_tokens over max_tokens',
      base({ max_completion_tokens: 50, max_tokens: 10 }),
      expected({ max_tokens: 50 }),
    ],
    ['reads max_tokens', base({ max_tokens: 10 }), expected({ max_tokens: 10 })],
    [
      'passes temperature, top_p and top_k',
      base({ temperature: 0.3, top_p: 0.9, top_k: 5 }),
      expected({ temperature: 0.3, top_p: 0.9, top_k: 5 }),
    ],
    [
      'clamps a temperature above Anthropic’s range',
      base({ temperature: 1.7 }),
      expected({ temperature: 1 }),
    ],
    ['turns a stop string into stop_sequences', base({ stop: 'END' }), expected({ stop_sequences: ['END'] })],
    ['keeps a stop array', base({ stop: ['a', 'b'] }), expected({ stop_sequences: ['a', 'b'] })],
    [
      'carries stream and user',
      base({ stream: true, user: 'u-1' }),
      expected({ stream: true, metadata: { user_id: 'u-1' } }),
    ],
    [
      'leaves out OpenAI-only knobs',
      base({ seed: 7, presence_penalty: 1, logit_bias: {}, stream: false, n: 1 }),
      expected({}),
    ],
  ])('%s', (_name, request, anthropic) => {
    expect(openAIRequestToAnthropic(request)).toEqual(anthropic);
  });

  it.each<[string, ChatRequest, string]>([
    ['n above one', base({ n: 2 }), 'n'],
    [
      'an audio part',
      base({
        messages: [
          { role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'x', format: 'wav' } }] },
        ],
      }),
      'messages[0].content[0]',
    ],
    [
      'a file id',
      base({ messages: [{ role: 'user', content: [{ type: 'file', file: { file_id: 'file-1' } }] }] }),
      'messages[0].content[0].file',
    ],
    [
      'an image URL that is neither data: nor http',
      base({
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'ftp://x/y.png' } }] }],
      }),
      'messages[0].content[0].image_url.url',
    ],
    [
      'tool call arguments that are not JSON',
      base({
        messages: [
          {
            role: 'assistant',
            tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{oops' } }],
          },
        ],
      }),
      'messages[0].tool_calls[0].function.arguments',
    ],
    [
      'an unknown role',
      base({ messages: [{ role: 'function', content: 'x' } as unknown as ChatMessage] }),
      'messages[0].role',
    ],
  ])('refuses %s, naming the field', (_name, request, param) => {
    let thrown: unknown;
    try {
      openAIRequestToAnthropic(request);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TranslationError);
    expect((thrown as TranslationError).param).toBe(param);
  });
});
