import { AuthenticationError, AzureOpenAI, NotFoundError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { collect, startTestSimulators } from './sim.fixture.js';

const API_VERSION = '2024-10-21';

describe('Azure OpenAI simulator, driven by the official AzureOpenAI client', () => {
  let sims: Simulators;
  const azure = (deployment: string, apiKey = sims.keys.azure): AzureOpenAI =>
    new AzureOpenAI({
      apiKey,
      endpoint: sims.urls.azure,
      apiVersion: API_VERSION,
      deployment,
      maxRetries: 0,
    });

  beforeAll(async () => {
    sims = await startTestSimulators({
      azureDeployments: { prod: 'gpt-4o-2024-08-06', embed: 'text-embedding-3-small' },
    });
  });
  afterAll(() => sims.stop());
  beforeEach(() => sims.reset());

  it("answers chat completions naming the deployment's model, with Azure's content filter results", async () => {
    const completion = await azure('prod').chat.completions.create({
      model: 'ignored',
      messages: [{ role: 'user', content: 'hello there' }],
      max_tokens: 2,
    });
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-2024-08-06',
      choices: [
        {
          finish_reason: 'length',
          message: { content: 'kt. kt.' },
          content_filter_results: { hate: { filtered: false } },
        },
      ],
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
      prompt_filter_results: [{ prompt_index: 0 }],
    });
    expect(completion.id).toMatch(/^chatcmpl-/);
  });

  it('streams like OpenAI after its prompt-filter chunk, with usage when asked', async () => {
    const stream = await azure('prod').chat.completions.create({
      model: 'ignored',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = await collect(stream);
    expect(chunks[0]).toMatchObject({ choices: [], id: '', model: '' });
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(
      Array(20).fill('kt.').join(' '),
    );
    expect(chunks.at(-1)).toMatchObject({
      model: 'gpt-4o-2024-08-06',
      choices: [],
      usage: { prompt_tokens: 1, completion_tokens: 20 },
    });
  });

  it('embeds through a deployment', async () => {
    const result = await azure('embed').embeddings.create({ model: 'ignored', input: 'hello' });
    expect(result.model).toBe('text-embedding-3-small');
    expect(result.data[0]?.embedding).toHaveLength(64);
    expect(result.usage.prompt_tokens).toBe(2);
  });

  it("rejects a wrong api-key with AuthenticationError in Azure's shape", async () => {
    const error = await azure('prod', 'wrong-key')
      .chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }] })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).error).toMatchObject({
      code: '401',
      message: expect.stringContaining('Access denied due to invalid subscription key'),
    });
  });

  it('answers an unknown deployment with DeploymentNotFound', async () => {
    const error = await azure('missing')
      .chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }] })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).error).toMatchObject({ code: 'DeploymentNotFound' });
  });

  it.each([
    { query: '', status: 404, body: { error: { code: '404', message: 'Resource not found' } } },
    {
      query: '?api-version=latest',
      status: 400,
      body: { error: { code: 'BadRequest', message: 'API version not supported' } },
    },
  ])('answers api-version "$query" with $status as Azure does', async ({ query, status, body }) => {
    const response = await fetch(`${sims.urls.azure}/openai/deployments/prod/chat/completions${query}`, {
      method: 'POST',
      headers: { 'api-key': sims.keys.azure, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual(body);
  });

  it('accepts any deployment, named after itself, when none are configured', async () => {
    const open = await startTestSimulators();
    try {
      const client = new AzureOpenAI({
        apiKey: open.keys.azure,
        endpoint: open.urls.azure,
        apiVersion: API_VERSION,
        deployment: 'gpt-5.4-mini-mini',
        maxRetries: 0,
      });
      const completion = await client.chat.completions.create({
        model: 'x',
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(completion.model).toBe('gpt-5.4-mini-mini');
      expect(open.stats().azure.endpoints).toEqual({ 'chat.completions': 1 });
    } finally {
      await open.stop();
    }
  });
});
