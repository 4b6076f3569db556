import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callOf, chatBody, collect, failureOf, startRig, type ProviderRig } from './providers.fixture.js';

describe('openai-compatible adapter, pointed at the OpenAI simulator by base URL', () => {
  let rig: ProviderRig;
  const adapter = () => rig.adapter('openai-compatible');
  const target = () =>
    ({ vendor: 'openai-compatible', model: 'llama-3.1-8b', baseUrl: `${rig.sims.urls.openai}/v1` }) as const;

  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(() => rig.stop());
  beforeEach(() => rig.sims.reset());

  it('answers a chat completion from the base URL of the target', async () => {
    const result = await adapter().chat(callOf(target(), rig.sims.keys.openai, chatBody()));
    expect(result.upstreamModel).toBe('llama-3.1-8b');
    expect(result.usage).toEqual({ inputTokens: 3, outputTokens: 5 });
  });

  it('streams with usage', async () => {
    const stream = await adapter().chatStream(callOf(target(), rig.sims.keys.openai, chatBody()));
    await collect(stream);
    expect(stream.usage).toEqual({ inputTokens: 3, outputTokens: 5 });
  });

  it('creates embeddings', async () => {
    const result = await adapter().embeddings!(
      callOf(target(), rig.sims.keys.openai, { model: 'x', input: 'hello' }),
    );
    expect(result.usage?.inputTokens).toBe(2);
  });

  it('refuses a target without a base URL, naming what is missing', async () => {
    const error = await failureOf(
      adapter().chat(callOf({ vendor: 'openai-compatible', model: 'm' }, 'key', chatBody())),
    );
    expect(error).toMatchObject({
      errorKind: 'connection_error',
      status: 0,
      message:
        'openai-compatible target openai-compatible-target: an openai-compatible target needs a base_url',
    });
  });

  it('refuses a base URL that is not http(s) without echoing it', async () => {
    const error = await failureOf(
      adapter().chat(
        callOf(
          { vendor: 'openai-compatible', model: 'm', baseUrl: 'ftp://secret-token@host' },
          'key',
          chatBody(),
        ),
      ),
    );
    expect(error).toMatchObject({ errorKind: 'connection_error' });
    expect((error as Error).message).not.toContain('secret-token');
  });
});
