import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway.error.js';
import { parseChatRequest, parseEmbeddingsRequest } from './chat-request.parser.js';

const user = { role: 'user', content: 'hi' };

describe('parseChatRequest', () => {
  it('passes unknown fields through untouched', () => {
    const body = { model: 'm', messages: [user], logit_bias: { 1: 2 }, seed: 7, metadata: { a: 'b' } };
    expect(parseChatRequest(body)).toBe(body);
  });

  it.each([
    [null, undefined, 'JSON object'],
    [[], undefined, 'JSON object'],
    [{ messages: [user] }, 'model', 'model: expected a non-empty string'],
    [{ model: '', messages: [user] }, 'model', 'model: expected'],
    [{ model: 'm' }, 'messages', 'messages: expected a non-empty array'],
    [{ model: 'm', messages: [] }, 'messages', 'non-empty array'],
    [{ model: 'm', messages: ['hi'] }, 'messages[0]', 'messages[0]: expected an object'],
    [{ model: 'm', messages: [user, { content: 'x' }] }, 'messages[1]', 'string "role"'],
    [{ model: 'm', messages: [user], stream: 'yes' }, 'stream', 'stream: expected a boolean'],
    [{ model: 'm', messages: [user], max_tokens: 0 }, 'max_tokens', 'positive integer'],
    [
      { model: 'm', messages: [user], max_completion_tokens: 1.5 },
      'max_completion_tokens',
      'positive integer',
    ],
  ])('rejects %j naming %s', (body, param, message) => {
    try {
      parseChatRequest(body);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayError);
      const body = (error as GatewayError).toBody().error;
      expect(body.code).toBe('invalid_request_error');
      expect(body.param ?? undefined).toBe(param);
      expect(body.message).toContain(message);
      expect((error as GatewayError).status).toBe(400);
    }
  });
});

describe('parseEmbeddingsRequest', () => {
  it.each([['text'], [['a', 'b']], [[[1, 2, 3]]]])('accepts input %j', (input) => {
    expect(parseEmbeddingsRequest({ model: 'e', input }).input).toEqual(input);
  });

  it.each([[undefined], [''.length], [[]], [[1]]])('rejects input %j', (input) => {
    expect(() => parseEmbeddingsRequest({ model: 'e', input })).toThrow(/input: expected/);
  });
});
