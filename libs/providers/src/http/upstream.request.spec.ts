import { describe, expect, it } from 'vitest';
import { endpointUrl, requestIdOf } from './upstream.request.js';

describe('endpointUrl', () => {
  it.each<[string, string, Record<string, string>, string | null]>([
    ['https://api.openai.com/v1', '/chat/completions', {}, 'https://api.openai.com/v1/chat/completions'],
    ['https://api.openai.com/v1/', '/embeddings', {}, 'https://api.openai.com/v1/embeddings'],
    [
      'https://res.openai.azure.com',
      '/openai/deployments/d/chat/completions',
      { 'api-version': '2024-10-21' },
      'https://res.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-10-21',
    ],
    [
      'https://proxy.example/v1?tenant=7',
      '/chat/completions',
      {},
      'https://proxy.example/v1/chat/completions?tenant=7',
    ],
    ['http://127.0.0.1:41012', '/v1/messages', {}, 'http://127.0.0.1:41012/v1/messages'],
    ['ftp://files.example', '/x', {}, null],
    ['not a url', '/x', {}, null],
  ])('joins %s and %s', (base, path, query, expected) => {
    expect(endpointUrl(base, path, query)?.toString() ?? null).toBe(expected);
  });
});

describe('requestIdOf', () => {
  it.each<[Record<string, string>, string | null]>([
    [{ 'x-request-id': 'req_1' }, 'req_1'],
    [{ 'request-id': 'req_011' }, 'req_011'],
    [{ 'apim-request-id': 'uuid' }, 'uuid'],
    [{}, null],
  ])('reads %j', (headers, expected) => {
    expect(requestIdOf(headers)).toBe(expected);
  });
});
