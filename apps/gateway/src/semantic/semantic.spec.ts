import { describe, expect, it } from 'vitest';
import type { ChatRequest, EmbeddingsResponse } from '@kt/providers';
import { embeddingVectors } from './embedding.vectors.js';
import { promptText } from './prompt.text.js';

describe('promptText', () => {
  it.each<[string, ChatRequest['messages'], string]>([
    [
      'the last user message',
      [
        { role: 'system', content: 'You are helpful' },
        { role: 'user', content: 'Draft an email' },
        { role: 'assistant', content: 'Sure' },
        { role: 'user', content: 'Now review the contract' },
      ],
      'Now review the contract',
    ],
    [
      'the text parts of a multi-part message',
      [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Fix this bug' },
            { type: 'text', text: 'in TypeScript' },
          ],
        },
      ],
      'Fix this bug\nin TypeScript',
    ],
    ['nothing without a user message', [{ role: 'system', content: 'Be brief' }], ''],
  ])('reads %s', (_name, messages, text) => {
    expect(promptText({ model: 'm', messages } as ChatRequest)).toBe(text);
  });
});

describe('embeddingVectors', () => {
  const base64 = (values: number[]): string => {
    const bytes = Buffer.alloc(values.length * 4);
    values.forEach((v, i) => bytes.writeFloatLE(v, i * 4));
    return bytes.toString('base64');
  };
  const body = (data: EmbeddingsResponse['data']): EmbeddingsResponse => ({
    object: 'list',
    data,
    model: 'e',
  });

  it('returns float and base64 vectors in input order', () => {
    const answer = body([
      { object: 'embedding', index: 1, embedding: base64([0.5, -1]) },
      { object: 'embedding', index: 0, embedding: [1, 0] },
    ]);
    expect(embeddingVectors(answer, 2)).toEqual([
      [1, 0],
      [0.5, -1],
    ]);
  });

  it('refuses an answer with the wrong number of vectors', () => {
    expect(() => embeddingVectors(body([]), 1)).toThrow('expected 1 embeddings, got 0');
  });
});
