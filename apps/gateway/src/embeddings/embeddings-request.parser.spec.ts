import { MAX_MODEL_CHARS } from '@kt/contracts';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway.error.js';
import { parseEmbeddingsRequest } from './embeddings-request.parser.js';

describe('parseEmbeddingsRequest', () => {
  it.each([['text'], [['a', 'b']], [[1, 2, 3]], [[[1, 2, 3], [4]]]])('accepts input %j', (input) => {
    expect(parseEmbeddingsRequest({ model: 'e', input }).input).toEqual(input);
  });

  it.each([
    [{ model: 'e' }, 'input'],
    [{ model: 'e', input: 0 }, 'input'],
    [{ model: 'e', input: [] }, 'input'],
    [{ model: 'e', input: ['a', 1] }, 'input[1]'],
    [{ model: 'e', input: [[1], 'a'] }, 'input[1]'],
    [{ model: 'e', input: [[]] }, 'input[0]'],
    [{ model: 'e', input: [1.5] }, 'input[0]'],
    [{ model: 'e', input: [null] }, 'input[0]'],
    [{ model: 'e', input: 'x', encoding_format: 'hex' }, 'encoding_format'],
    [{ model: 'e', input: 'x', dimensions: 0.5 }, 'dimensions'],
    [{ model: 'e'.repeat(MAX_MODEL_CHARS + 1), input: 'x' }, 'model'],
    [{ input: 'x' }, 'model'],
  ])('refuses %j naming %s', (body, param) => {
    try {
      parseEmbeddingsRequest(body);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).status).toBe(400);
      expect((error as GatewayError).toBody().error.param).toBe(param);
    }
  });
});
