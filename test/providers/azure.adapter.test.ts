import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  callOf,
  chatBody,
  collect,
  failureOf,
  startRig,
  TIMEOUTS,
  type ProviderRig,
} from './providers.fixture.js';

describe('azure adapter against the Azure OpenAI simulator', () => {
  let rig: ProviderRig;
  const target = { vendor: 'azure', model: 'gpt-5.4-mini-mini' } as const;
  const call = <B>(body: B, overrides = {}) => callOf(target, rig.sims.keys.azure, body, overrides);
  const adapter = () => rig.adapter('azure');

  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(() => rig.stop());
  beforeEach(() => rig.sims.reset());

  it('answers a chat completion from the deployment named by the target model', async () => {
    const result = await adapter().chat(call(chatBody()));
    expect(result.body.choices[0]?.message.content).toBe('kt. kt. kt. kt. kt.');
    expect(result.usage).toEqual({ inputTokens: 3, outputTokens: 5 });
    expect(result.upstreamModel).toBe('gpt-5.4-mini-mini');
  });

  it('streams with usage kept from the stripped usage chunk', async () => {
    const stream = await adapter().chatStream(call(chatBody()));
    const chunks = await collect(stream);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('kt. kt. kt. kt. kt.');
    expect(chunks.some((c) => c.usage != null)).toBe(false);
    expect(stream.usage).toEqual({ inputTokens: 3, outputTokens: 5 });
  });

  it('creates embeddings', async () => {
    const result = await adapter().embeddings!(call({ model: 'x', input: 'hello' }));
    expect(result.body.data).toHaveLength(1);
    expect(result.usage).toEqual({ inputTokens: 2, outputTokens: 0 });
  });

  it('reports a wrong key as a client error 401', async () => {
    expect(await failureOf(adapter().chat(callOf(target, 'wrong-azure-key', chatBody())))).toMatchObject({
      errorKind: 'client_error',
      status: 401,
    });
  });

  it('reports an unsupported api-version as a client error', async () => {
    expect(
      await failureOf(
        adapter().chat(callOf({ ...target, apiVersion: 'latest' }, rig.sims.keys.azure, chatBody())),
      ),
    ).toMatchObject({ errorKind: 'client_error' });
  });

  it('reports 429 as rate limited with retryAfterMs', async () => {
    await rig.sims.setFaults('azure', { errorRate: 1, errorStatus: 429, retryAfter: 1 });
    expect(await failureOf(adapter().chat(call(chatBody())))).toMatchObject({
      errorKind: 'rate_limited',
      status: 429,
      retryAfterMs: 1000,
    });
  });

  it('times out a hung request', async () => {
    await rig.sims.setFaults('azure', { hang: true });
    expect(
      await failureOf(adapter().chat(call(chatBody(), { timeouts: { ...TIMEOUTS, totalMs: 200 } }))),
    ).toMatchObject({ errorKind: 'timeout' });
  });

  it('reports an outage as a connection error', async () => {
    await rig.sims.setFaults('azure', { outage: true });
    expect(await failureOf(adapter().chatStream(call(chatBody())))).toMatchObject({
      errorKind: 'connection_error',
    });
  });

  it('throws stream_cut from the iterator when the stream breaks off', async () => {
    await rig.sims.setFaults('azure', { streamCutAfter: 2 });
    expect(await failureOf(collect(await adapter().chatStream(call(chatBody()))))).toMatchObject({
      errorKind: 'stream_cut',
    });
  });

  it('reports a malformed body', async () => {
    await rig.sims.setFaults('azure', { malformed: true });
    expect(await failureOf(adapter().embeddings!(call({ model: 'x', input: 'hello' })))).toMatchObject({
      errorKind: 'malformed_response',
    });
  });
});
