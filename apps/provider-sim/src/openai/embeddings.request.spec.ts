import { describe, expect, it } from 'vitest';
import { parseEmbeddingsRequest } from './embeddings.request.js';

describe('parseEmbeddingsRequest', () => {
  it.each([
    { input: 'hello world', inputs: [{ text: 'hello world', tokens: 3 }] },
    {
      input: ['a', 'abcde'],
      inputs: [
        { text: 'a', tokens: 1 },
        { text: 'abcde', tokens: 2 },
      ],
    },
    { input: [1, 2, 3], inputs: [{ text: '1,2,3', tokens: 3 }] },
    {
      input: [[1, 2], [3]],
      inputs: [
        { text: '1,2', tokens: 2 },
        { text: '3', tokens: 1 },
      ],
    },
  ])('reads the input $input', ({ input, inputs }) => {
    const parsed = parseEmbeddingsRequest({ model: 'text-embedding-3-small', input }, true);
    expect(parsed).toEqual({
      ok: true,
      value: { model: 'text-embedding-3-small', inputs, encoding: 'float', dimensions: null },
    });
  });

  it('reads the encoding and the dimensions', () => {
    const parsed = parseEmbeddingsRequest(
      { model: 'm', input: 'x', encoding_format: 'base64', dimensions: 8 },
      true,
    );
    expect(parsed.ok && parsed.value).toMatchObject({ encoding: 'base64', dimensions: 8 });
  });

  it.each([
    { body: { input: 'x' }, param: null },
    { body: { model: 'm' }, param: 'input' },
    { body: { model: 'm', input: '' }, param: 'input' },
    { body: { model: 'm', input: [] }, param: 'input' },
    { body: { model: 'm', input: ['ok', 3] }, param: 'input' },
    { body: { model: 'm', input: 'x', encoding_format: 'int8' }, param: 'encoding_format' },
    { body: { model: 'm', input: 'x', dimensions: 0 }, param: 'dimensions' },
  ])('rejects $body naming $param', ({ body, param }) => {
    const parsed = parseEmbeddingsRequest(body, true);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem.param).toBe(param);
  });
});
