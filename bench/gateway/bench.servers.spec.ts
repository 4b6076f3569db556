import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  directRequest,
  ktRequest,
  portkeyRequest,
  requestBody,
  trialRequest,
  waitForStatus,
} from './bench.servers.js';
import type { ServerProcess } from './server.process.js';

let server: Server;
let origin = '';
const replies: Record<string, { readonly status: number; readonly body: string }> = {
  '/good': { status: 200, body: '{"choices":[{"message":{"content":"kt."}}]}' },
  '/empty': { status: 200, body: '{"choices":[]}' },
  '/missing': { status: 404, body: '{"message":"Route POST:/v1/chat/completions not found"}' },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const reply = replies[req.url ?? ''] ?? { status: 503, body: 'not ready' };
    req.resume();
    req.on('end', () => res.writeHead(reply.status).end(reply.body));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe('the requests of each target', () => {
  it('ask the same question with the model name each target expects', () => {
    expect(JSON.parse(requestBody('bench-model'))).toEqual({
      model: 'bench-model',
      messages: [{ role: 'user', content: 'Say hello in one short sentence.' }],
      max_tokens: 16,
    });
    expect(directRequest('http://sim').body).toBe(requestBody('gpt-4o-mini'));
    expect(portkeyRequest('http://pk', 'http://sim').body).toBe(requestBody('gpt-4o-mini'));
    expect(ktRequest('http://kt').body).toBe(requestBody('bench-model'));
  });

  it('point Portkey at the simulator with its provider and custom-host headers', () => {
    expect(portkeyRequest('http://127.0.0.1:8787', 'http://127.0.0.1:41010')).toEqual({
      url: 'http://127.0.0.1:8787/v1/chat/completions',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer sim-openai-key',
        'x-portkey-provider': 'openai',
        'x-portkey-custom-host': 'http://127.0.0.1:41010/v1',
      },
      body: requestBody('gpt-4o-mini'),
    });
  });

  it('give kt its own gateway key, never the provider key', () => {
    expect(ktRequest('http://kt').headers.authorization).toBe('Bearer bench-key');
  });
});

describe('trialRequest', () => {
  const at = (path: string) => ({ ...directRequest(origin), url: `${origin}${path}` });

  it('accepts a 200 chat completion', async () => {
    expect(await trialRequest('kt', at('/good'))).toEqual({ ok: true });
  });

  it.each([
    ['/missing', 'trial request answered 404: {"message":"Route POST:/v1/chat/completions not found"}'],
    ['/empty', 'trial request answered 200 without choices: {"choices":[]}'],
  ])('explains why %s is not a working target', async (path, reason) => {
    expect(await trialRequest('kt', at(path))).toEqual({ ok: false, reason });
  });

  it('explains a target that is not listening', async () => {
    const result = await trialRequest('kt', {
      ...directRequest('http://127.0.0.1:1'),
      url: 'http://127.0.0.1:1/',
    });
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^kt trial request failed: /) });
  });
});

describe('waitForStatus', () => {
  const running = { name: 'gateway', hasExited: () => false, recentOutput: () => '' } as ServerProcess;

  it('returns once the URL answers 200', async () => {
    await expect(waitForStatus(`${origin}/good`, running, 2_000)).resolves.toBeUndefined();
  });

  it('gives up with the last answer when it never does', async () => {
    await expect(waitForStatus(`${origin}/readyz`, running, 600)).rejects.toThrow(
      /did not answer 200 in 600 ms \(last: 503 not ready\)/,
    );
  });

  it('stops waiting when the process has exited', async () => {
    const dead = { ...running, hasExited: () => true, recentOutput: () => 'KT_PACK must name the pack file' };
    await expect(waitForStatus(`${origin}/readyz`, dead, 5_000)).rejects.toThrow(
      /gateway exited; its output:\nKT_PACK must name/,
    );
  });
});
