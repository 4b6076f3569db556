import { MAX_CHOICES, MAX_MODEL_CHARS, MAX_OUTPUT_TOKENS } from '@kt/contracts';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway.error.js';
import { parseChatRequest } from './chat-request.parser.js';

const user = { role: 'user', content: 'hi' };
const base = { model: 'm', messages: [user] };

function refusal(body: unknown): { param: unknown; message: string; code: string; status: number } {
  try {
    parseChatRequest(body);
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    const failure = error as GatewayError;
    const shape = failure.toBody().error as { param: unknown; message: string; code: string };
    return { ...shape, status: failure.status };
  }
  throw new Error('expected a refusal');
}

describe('parseChatRequest', () => {
  it('passes unknown fields through untouched', () => {
    const body = { ...base, logit_bias: { 1: 2 }, seed: 7, metadata: { a: 'b' }, reasoning_effort: 'low' };
    expect(parseChatRequest(body)).toBe(body);
  });

  it('accepts the shapes SDKs send: parts, tool calls, tool results, tools and bounds at their limits', () => {
    const body = {
      model: 'm'.repeat(MAX_MODEL_CHARS),
      messages: [
        { role: 'system', content: 'be brief' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'hi' },
            { type: 'image_url', image_url: { url: 'x' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'done' },
      ],
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
      tool_choice: { type: 'function', function: { name: 'f' } },
      max_tokens: MAX_OUTPUT_TOKENS,
      n: MAX_CHOICES,
      stop: ['\n'],
      temperature: 0,
      stream: true,
      stream_options: { include_usage: true },
    };
    expect(parseChatRequest(body)).toBe(body);
  });

  it.each([
    [null, null, 'JSON object'],
    [[], null, 'JSON object'],
    [{ messages: [user] }, 'model', 'model: expected a non-empty string'],
    [{ ...base, model: '' }, 'model', 'model: expected'],
    [{ ...base, model: 7 }, 'model', 'model: expected'],
    [{ ...base, model: 'm'.repeat(1_300_000) }, 'model', `at most ${MAX_MODEL_CHARS} characters`],
    [{ model: 'm' }, 'messages', 'messages: expected a non-empty array'],
    [{ model: 'm', messages: [] }, 'messages', 'non-empty array'],
    [{ model: 'm', messages: ['hi'] }, 'messages[0]', 'messages[0]: expected an object'],
    [{ model: 'm', messages: [user, { content: 'x' }] }, 'messages[1]', 'string "role"'],
    [{ model: 'm', messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role', 'one of'],
    [{ model: 'm', messages: [{ role: 'user', content: 5 }] }, 'messages[0].content', 'a string or an array'],
    [{ model: 'm', messages: [{ role: 'user', content: null }] }, 'messages[0].content', 'a string or'],
    [
      { model: 'm', messages: [{ role: 'user', content: [null] }] },
      'messages[0].content[0]',
      'string "type"',
    ],
    [
      { model: 'm', messages: [{ role: 'user', content: [{ type: 'text' }] }] },
      'messages[0].content[0].text',
      'a string',
    ],
    [{ model: 'm', messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id', 'a string'],
    [
      { model: 'm', messages: [{ role: 'assistant', tool_calls: [{ id: 'c', function: {} }] }] },
      'messages[0].tool_calls[0].function.name',
      'a non-empty string',
    ],
    [{ ...base, stream: 'yes' }, 'stream', 'stream: expected a boolean'],
    [{ ...base, max_tokens: 0 }, 'max_tokens', `an integer between 1 and ${MAX_OUTPUT_TOKENS}`],
    [{ ...base, max_tokens: 1e17 }, 'max_tokens', 'an integer between'],
    [{ ...base, max_tokens: -5 }, 'max_tokens', 'an integer between'],
    [{ ...base, max_tokens: 'NaN' }, 'max_tokens', 'an integer between'],
    [{ ...base, max_tokens: '16' }, 'max_tokens', 'an integer between'],
    [{ ...base, max_completion_tokens: 1.5 }, 'max_completion_tokens', 'an integer between'],
    [{ ...base, n: 1.5 }, 'n', `an integer between 1 and ${MAX_CHOICES}`],
    [{ ...base, n: 0 }, 'n', 'an integer between'],
    [{ ...base, n: MAX_CHOICES + 1 }, 'n', 'an integer between'],
    [{ ...base, temperature: 'hot' }, 'temperature', 'a number between 0 and 2'],
    [{ ...base, stop: [1] }, 'stop', 'a string or an array of strings'],
    [{ ...base, tools: [null] }, 'tools[0]', 'string "type"'],
    [{ ...base, tools: [{ type: 'function' }] }, 'tools[0].function', 'an object with a string "name"'],
    [{ ...base, tool_choice: 'sometimes' }, 'tool_choice', '"auto"'],
    [{ ...base, user: 5 }, 'user', 'a string'],
  ])('refuses %j naming %s', (body, param, message) => {
    const shape = refusal(body);
    expect(shape.code).toBe('invalid_request_error');
    expect(shape.param).toBe(param);
    expect(shape.message).toContain(message);
    expect(shape.status).toBe(400);
  });

  it('never echoes the value it refuses', () => {
    const secret = 'sk-proj-pasted-by-mistake';
    expect(refusal({ ...base, model: secret.repeat(20) }).message).not.toContain(secret);
    expect(refusal({ ...base, n: secret }).message).not.toContain(secret);
  });
});
