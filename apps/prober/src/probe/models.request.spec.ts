import { describe, expect, it } from 'vitest';
import { modelsRequest, type ModelsRequest } from './models.request.js';
import { targetFixture } from './probe.fixture.js';

const KEY = 'sk-test-secret';

describe('modelsRequest', () => {
  it.each([
    [
      'OpenAI at its public API',
      targetFixture(),
      {},
      'https://api.openai.com/v1/models',
      { authorization: `Bearer ${KEY}` },
    ],
    [
      'OpenAI at OPENAI_BASE_URL',
      targetFixture(),
      { OPENAI_BASE_URL: 'http://127.0.0.1:9000/v1/' },
      'http://127.0.0.1:9000/v1/models',
      { authorization: `Bearer ${KEY}` },
    ],
    [
      'an OpenAI-compatible server at its base_url',
      targetFixture({ vendor: 'openai-compatible', baseUrl: 'http://vllm:8000/v1' }),
      {},
      'http://vllm:8000/v1/models',
      { authorization: `Bearer ${KEY}` },
    ],
    [
      'Azure at AZURE_OPENAI_ENDPOINT with the default api-version',
      targetFixture({ vendor: 'azure', model: 'gpt4o-prod' }),
      { AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com' },
      'https://res.openai.azure.com/openai/models?api-version=2024-10-21',
      { 'api-key': KEY },
    ],
    [
      'Azure at an endpoint already ending in /openai, with the target api-version',
      targetFixture({
        vendor: 'azure',
        baseUrl: 'https://res.openai.azure.com/openai',
        apiVersion: '2025-01-01-preview',
      }),
      {},
      'https://res.openai.azure.com/openai/models?api-version=2025-01-01-preview',
      { 'api-key': KEY },
    ],
    [
      'Anthropic at ANTHROPIC_BASE_URL',
      targetFixture({ vendor: 'anthropic' }),
      { ANTHROPIC_BASE_URL: 'http://127.0.0.1:9001' },
      'http://127.0.0.1:9001/v1/models',
      { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
    ],
  ])('lists the models of %s', (_name, target, env, url, headers) => {
    const request = modelsRequest(target, KEY, env) as ModelsRequest;
    expect(request.url.href).toBe(url);
    expect(request.headers).toEqual(headers);
  });

  it('sends no authorization header to a keyless OpenAI-compatible server', () => {
    const target = targetFixture({ vendor: 'openai-compatible', baseUrl: 'http://ollama:11434/v1' });
    expect((modelsRequest(target, '', {}) as ModelsRequest).headers).toEqual({});
  });

  it.each([
    ['an Azure target without an endpoint', targetFixture({ vendor: 'azure' }), /no Azure endpoint/],
    [
      'an OpenAI-compatible target without a base_url',
      targetFixture({ vendor: 'openai-compatible' }),
      /needs a base_url/,
    ],
    [
      'a base URL that is not http(s)',
      targetFixture({ baseUrl: 'ftp://files' }),
      /not a valid http\(s\) URL/,
    ],
  ])('explains why it cannot probe %s', (_name, target, reason) => {
    const request = modelsRequest(target, KEY, {});
    expect(request).toMatch(reason);
  });
});
