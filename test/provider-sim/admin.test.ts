import OpenAI, { APIConnectionError, InternalServerError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { startTestSimulators } from './sim.fixture.js';

describe('simulator admin API', () => {
  let sims: Simulators;
  let openai: OpenAI;
  const admin = (path: string, init?: RequestInit): Promise<Response> =>
    fetch(`${sims.urls.admin}${path}`, init);
  const put = (vendor: string, spec: unknown): Promise<Response> =>
    admin(`/_sim/faults/${vendor}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(spec),
    });
  const chat = () =>
    openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });

  beforeAll(async () => {
    sims = await startTestSimulators({ faults: { anthropic: { latency: 5 } } });
    openai = new OpenAI({ apiKey: sims.keys.openai, baseURL: `${sims.urls.openai}/v1`, maxRetries: 0 });
  });
  afterAll(() => sims.stop());

  it('answers /healthz', async () => {
    const response = await admin('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('shows the faults each vendor started with', async () => {
    expect(await (await admin('/_sim/faults')).json()).toMatchObject({
      openai: { latency: 0, errorRate: 0 },
      anthropic: { latency: 5 },
    });
  });

  it('replaces a vendor spec with PUT and applies it to the next request', async () => {
    const response = await put('openai', { errorRate: 1, errorStatus: 503 });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      latency: 0,
      errorRate: 1,
      errorStatus: 503,
      retryAfter: 1,
      hang: false,
      outage: false,
      streamCutAfter: null,
      streamStallAfter: null,
      usageOverride: null,
      malformed: false,
    });
    expect(await (await admin('/_sim/faults/openai')).json()).toMatchObject({
      errorRate: 1,
      errorStatus: 503,
    });
    await expect(chat()).rejects.toBeInstanceOf(InternalServerError);
  });

  it('starts and ends an outage through the API', async () => {
    await put('openai', { outage: true });
    await expect(chat()).rejects.toBeInstanceOf(APIConnectionError);
    await put('openai', {});
    await expect(chat()).resolves.toMatchObject({ object: 'chat.completion' });
  });

  it.each([
    { spec: { errorRate: 3 }, error: 'errorRate: expected a number from 0 to 1, got 3' },
    { spec: { latency: 'soon' }, error: 'latency: expected ms or' },
    { spec: [], error: 'fault spec: expected a JSON object' },
  ])('rejects the invalid spec $spec with 400 and keeps the old one', async ({ spec, error }) => {
    await put('azure', { latency: 1 });
    const response = await put('azure', spec);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: string[] }).errors[0]).toContain(error);
    expect(sims.faults('azure').latency).toEqual({ kind: 'fixed', ms: 1 });
  });

  it('answers 404 for an unknown vendor', async () => {
    expect((await put('gemini', {})).status).toBe(404);
    expect((await admin('/_sim/faults/gemini')).status).toBe(404);
  });

  it('counts requests per vendor and endpoint, and reset zeroes them and restores the start-up faults', async () => {
    await put('openai', {});
    await admin('/_sim/reset', { method: 'POST' });
    await chat();
    await chat();
    await openai.models.list();
    const stats = (await (await admin('/_sim/stats')).json()) as Record<
      string,
      { total: number; endpoints: Record<string, number> }
    >;
    expect(stats['openai']).toEqual({
      total: 3,
      endpoints: { 'chat.completions': 2, 'models.list': 1 },
      outcomes: { '200': 3 },
    });
    expect(stats['azure']?.total).toBe(0);

    await put('anthropic', { errorRate: 1 });
    const reset = await admin('/_sim/reset', { method: 'POST' });
    expect(reset.status).toBe(204);
    expect(sims.stats().openai.total).toBe(0);
    expect(sims.faults('anthropic')).toMatchObject({ errorRate: 0, latency: { kind: 'fixed', ms: 5 } });
  });

  it('lifts an outage on reset', async () => {
    await sims.setFaults('openai', { outage: true });
    await sims.reset();
    await expect(chat()).resolves.toMatchObject({ object: 'chat.completion' });
  });
});
