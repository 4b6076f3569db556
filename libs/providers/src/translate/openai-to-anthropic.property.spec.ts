import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openAIChatBody } from '../../../../test/support/wire.arbitraries.js';
import { createAnthropicAdapter } from '../anthropic/anthropic.adapter.js';
import type { UpstreamHttp } from '../http/upstream.http.js';
import type { ChatRequest } from '../openai/openai.types.js';
import { UpstreamError } from '../upstream/upstream.error.js';
import { openAIRequestToAnthropic } from './openai-to-anthropic.request.js';
import { TranslationError } from './translation.error.js';

const chat = (extra: Record<string, unknown>): ChatRequest =>
  ({ model: 'claude', messages: [{ role: 'user', content: 'hi' }], ...extra }) as ChatRequest;

function refusal(request: ChatRequest): TranslationError {
  try {
    openAIRequestToAnthropic(request);
  } catch (error) {
    if (error instanceof TranslationError) return error;
    throw error;
  }
  throw new Error('expected a TranslationError');
}

describe('openAIRequestToAnthropic on what the chat parser lets through', () => {
  it.each([
    ['user content: null', { messages: [{ role: 'user', content: null }] }, 'messages[0].content'],
    ['system content: 5', { messages: [{ role: 'system', content: 5 }] }, 'messages[0].content'],
    ['a tool without function', { tools: [{ type: 'function' }] }, 'tools[0].function'],
    ['a tool that is null', { tools: [null] }, 'tools[0]'],
    ['tools: "x"', { tools: 'x' }, 'tools'],
    ['a function without name', { tools: [{ type: 'function', function: {} }] }, 'tools[0].function.name'],
    [
      'parameters that are not a schema',
      { tools: [{ type: 'function', function: { name: 'f', parameters: 3 } }] },
      'tools[0].function.parameters',
    ],
    [
      'tool_choice without function',
      { tools: [{ type: 'function', function: { name: 'f' } }], tool_choice: { type: 'function' } },
      'tool_choice.function',
    ],
    ['stop: 5', { stop: 5 }, 'stop'],
    ['stop: [1]', { stop: [1] }, 'stop[0]'],
    ['a null content part', { messages: [{ role: 'user', content: [null] }] }, 'messages[0].content[0]'],
    [
      'a text part without text',
      { messages: [{ role: 'user', content: [{ type: 'text' }] }] },
      'messages[0].content[0].text',
    ],
    [
      'an image part without image_url',
      { messages: [{ role: 'user', content: [{ type: 'image_url' }] }] },
      'messages[0].content[0].image_url',
    ],
    [
      'a file part without file',
      { messages: [{ role: 'user', content: [{ type: 'file' }] }] },
      'messages[0].content[0].file',
    ],
    ['assistant content: 5', { messages: [{ role: 'assistant', content: 5 }] }, 'messages[0].content'],
    [
      'tool_calls: {}',
      { messages: [{ role: 'assistant', content: null, tool_calls: {} }] },
      'messages[0].tool_calls',
    ],
    [
      'a tool call without function',
      { messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function' }] }] },
      'messages[0].tool_calls[0].function',
    ],
    [
      'arguments that are an object',
      {
        messages: [
          {
            role: 'assistant',
            tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: {} } }],
          },
        ],
      },
      'messages[0].tool_calls[0].function.arguments',
    ],
    ['a tool message without id', { messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id'],
  ])('refuses %s, naming the field', (_name, extra, param) => {
    const error = refusal(chat(extra));
    expect(error.param).toBe(param);
    expect(error.message.startsWith(`${param}:`)).toBe(true);
  });

  it('translates or refuses by name, never throws anything else', () => {
    fc.assert(
      fc.property(openAIChatBody, (body) => {
        try {
          const request = openAIRequestToAnthropic(body as unknown as ChatRequest);
          // What Anthropic receives is JSON with the fields it requires.
          expect(typeof request.max_tokens).toBe('number');
          expect(Array.isArray(request.messages)).toBe(true);
          JSON.stringify(request);
        } catch (error) {
          expect(error).toBeInstanceOf(TranslationError);
          expect(
            (error as TranslationError).message.startsWith(`${(error as TranslationError).param}:`),
          ).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('makes the Anthropic adapter refuse as a client error before any HTTP call', async () => {
    let posts = 0;
    const http = {
      post: () => (posts++, Promise.reject(new Error('no I/O expected'))),
    } as unknown as UpstreamHttp;
    const adapter = createAnthropicAdapter({}, http);
    const call = {
      target: { id: 'anthropic', vendor: 'anthropic' as const, model: 'claude-x' },
      apiKey: 'sk-test',
      signal: new AbortController().signal,
      timeouts: { connectMs: 1000, totalMs: 1000, firstTokenMs: 1000 },
    };
    await fc.assert(
      fc.asyncProperty(openAIChatBody, async (body) => {
        const request = body as unknown as ChatRequest;
        try {
          openAIRequestToAnthropic(request);
          return;
        } catch {
          // Refused by the translator: the adapter must refuse too, as the client's error.
        }
        const failure: unknown = await adapter
          .chat({ ...call, body: request })
          .catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(UpstreamError);
        expect((failure as UpstreamError).errorKind).toBe('client_error');
      }),
      { numRuns: 500 },
    );
    expect(posts).toBe(0);
  });
});
