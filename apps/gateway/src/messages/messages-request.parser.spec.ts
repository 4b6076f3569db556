import fc from 'fast-check';
import { openAIRequestToAnthropic, TranslationError } from '@kt/providers';
import { describe, expect, it } from 'vitest';
import { anthropicRequestBody } from '../../../../test/support/wire.arbitraries.js';
import { GatewayError } from '../errors/gateway.error.js';
import { ANTHROPIC_DIALECT } from './anthropic.dialect.js';
import { MESSAGES_MAX_TOKENS_CEILING, parseMessagesRequest } from './messages-request.parser.js';

const valid = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  model: 'claude',
  max_tokens: 64,
  messages: [{ role: 'user', content: 'hi' }],
  ...extra,
});

function refusal(body: unknown): GatewayError {
  try {
    ANTHROPIC_DIALECT.parse(body);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a 400');
}

describe('parseMessagesRequest', () => {
  it.each([
    ['content: 5', valid({ messages: [{ role: 'user', content: 5 }] }), 'messages[0].content'],
    ['system: {}', valid({ system: {} }), 'system'],
    ['tools: [null]', valid({ tools: [null] }), 'tools[0]'],
    [
      'a block without type',
      valid({ messages: [{ role: 'user', content: [{ text: 'a' }] }] }),
      'messages[0].content[0].type',
    ],
    [
      'a text block with a number',
      valid({ messages: [{ role: 'user', content: [{ type: 'text', text: 1 }] }] }),
      'messages[0].content[0].text',
    ],
    [
      'an image without source',
      valid({ messages: [{ role: 'user', content: [{ type: 'image' }] }] }),
      'messages[0].content[0].source',
    ],
    [
      'a tool_result with object content',
      valid({
        messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: {} }] }],
      }),
      'messages[0].content[0].content',
    ],
    ['role system', valid({ messages: [{ role: 'system', content: 'x' }] }), 'messages[0].role'],
    ['an empty user turn', valid({ messages: [{ role: 'user', content: [] }] }), 'messages[0].content'],
    [
      'an empty assistant turn before the last',
      valid({
        messages: [
          { role: 'assistant', content: '' },
          { role: 'user', content: 'x' },
        ],
      }),
      'messages[0].content',
    ],
    ['system blocks with a number', valid({ system: [{ type: 'text', text: 2 }] }), 'system[0].text'],
    ['a tool without schema', valid({ tools: [{ name: 'f' }] }), 'tools[0].input_schema'],
    ['tool_choice tool without name', valid({ tool_choice: { type: 'tool' } }), 'tool_choice.name'],
    ['tool_choice: "auto"', valid({ tool_choice: 'auto' }), 'tool_choice'],
    ['max_tokens: 1e17', valid({ max_tokens: 1e17 }), 'max_tokens'],
    ['max_tokens above the ceiling', valid({ max_tokens: MESSAGES_MAX_TOKENS_CEILING + 1 }), 'max_tokens'],
    ['max_tokens: 1.5', valid({ max_tokens: 1.5 }), 'max_tokens'],
    ['temperature: 3', valid({ temperature: 3 }), 'temperature'],
    ['stop_sequences: [1]', valid({ stop_sequences: [1] }), 'stop_sequences[0]'],
    ['metadata.user_id: 1', valid({ metadata: { user_id: 1 } }), 'metadata.user_id'],
    ['stream: "yes"', valid({ stream: 'yes' }), 'stream'],
    [
      'a document served by url',
      valid({
        messages: [
          { role: 'user', content: [{ type: 'document', source: { type: 'url', url: 'https://x' } }] },
        ],
      }),
      'messages[0].content[0].source',
    ],
  ])('answers %s with a 400 naming the field', (_name, body, param) => {
    const error = refusal(body);
    expect(error.status).toBe(400);
    expect(error.details.param).toBe(param);
    expect(error.message.startsWith(`${param}:`)).toBe(true);
  });

  it('accepts the full Messages surface and keeps null optionals as absent', () => {
    const request = ANTHROPIC_DIALECT.parse(
      valid({
        system: [{ type: 'text', text: 'be brief', cache_control: { type: 'ephemeral' } }],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'weather?' }] },
          {
            role: 'assistant',
            content: [{ type: 'tool_use', id: 't1', name: 'get', input: { city: 'Oslo' } }],
          },
          {
            role: 'user',
            content: [{ type: 'tool_result', tool_use_id: 't1', content: [{ type: 'text', text: '5C' }] }],
          },
        ],
        tools: [{ name: 'get', description: null, input_schema: { type: 'object' } }],
        tool_choice: null,
        metadata: null,
        stop_sequences: ['END'],
        max_tokens: MESSAGES_MAX_TOKENS_CEILING,
      }),
    );
    expect(request.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(request.tools?.[0]?.function).toEqual({ name: 'get', parameters: { type: 'object' } });
    expect(request.tool_choice).toBeUndefined();
  });

  it('answers a body that is not an object with a 400', () => {
    expect(() => parseMessagesRequest([1])).toThrow(GatewayError);
  });

  it('turns any JSON into a request or a 400 naming the field, never another error', () => {
    fc.assert(
      fc.property(anthropicRequestBody, (body) => {
        let request;
        try {
          request = ANTHROPIC_DIALECT.parse(body);
        } catch (error) {
          expect(error).toBeInstanceOf(GatewayError);
          const refused = error as GatewayError;
          expect(refused.status).toBe(400);
          if (refused.details.param !== undefined)
            expect(refused.message.startsWith(`${refused.details.param}:`)).toBe(true);
          else expect(typeof body !== 'object' || body === null || Array.isArray(body)).toBe(true);
          return;
        }
        // What /v1/messages accepted must also reach an Anthropic target or be refused by name.
        try {
          openAIRequestToAnthropic(request);
        } catch (error) {
          expect(error).toBeInstanceOf(TranslationError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
