import { describe, expect, it } from 'vitest';
import { parseProviderRef } from './pack.vocabulary.js';

describe('parseProviderRef', () => {
  it.each([
    ['openai:chat:gpt-5.4-mini', { vendor: 'openai', kind: 'chat', model: 'gpt-5.4-mini' }],
    [
      'azure:embeddings:text-embedding-3-small',
      { vendor: 'azure', kind: 'embeddings', model: 'text-embedding-3-small' },
    ],
    ['azure-openai:chat:gpt-4o', { vendor: 'azure', kind: 'chat', model: 'gpt-4o' }],
    ['openai-compatible:chat:llama3:8b', { vendor: 'openai-compatible', kind: 'chat', model: 'llama3:8b' }],
    [
      'anthropic:chat:claude-3-5-sonnet-20241022',
      { vendor: 'anthropic', kind: 'chat', model: 'claude-3-5-sonnet-20241022' },
    ],
    ['openai:chat', undefined],
    ['openai:chat: ', undefined],
    ['openai:completion:gpt', undefined],
    ['mistral:chat:large', undefined],
    ['toString:chat:x', undefined],
    ['', undefined],
  ])('reads %j', (text, expected) => {
    expect(parseProviderRef(text)).toEqual(expected);
  });
});
