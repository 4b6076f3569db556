import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFixedRate, runMaxThroughput, type LoadRequest } from './load.runner.js';

let server: Server;
let origin = '';
const bodies: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (bodies.length < 5) bodies.push(body);
      res.writeHead(req.url === '/fail' ? 503 : 200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

const request = (path: string): LoadRequest => ({
  url: `${origin}${path}`,
  headers: { 'content-type': 'application/json', authorization: 'Bearer test' },
  body: '{"model":"m"}',
});

describe('runFixedRate', () => {
  it('sends exactly the rate times the seconds, spread over the connections', async () => {
    const outcome = await runFixedRate(request('/ok'), 40, 4, 2);
    expect(outcome.completed).toBe(80);
    expect(outcome.ok).toBe(80);
    expect(outcome.non2xx).toBe(0);
    expect(outcome.errors).toBe(0);
    // Never faster than asked; slower only when the machine is busy (rps is measured, not timed here).
    expect(outcome.rps).toBeLessThanOrEqual(40.5);
    expect(outcome.rps).toBeGreaterThan(0);
    expect(outcome.latency?.count).toBe(80);
    expect(outcome.latency!.p50).toBeGreaterThan(0);
    expect(outcome.latency!.p50).toBeLessThan(outcome.latency!.max + 1e-9);
    expect(outcome.statusCodes).toEqual({ '200': 80 });
    expect(bodies[0]).toBe('{"model":"m"}');
  });
});

describe('runMaxThroughput', () => {
  it('counts non-2xx answers and takes latency from 2xx answers only', async () => {
    const outcome = await runMaxThroughput(request('/fail'), 2, 1);
    expect(outcome.completed).toBeGreaterThan(10);
    expect(outcome.ok).toBe(0);
    expect(outcome.non2xx).toBe(outcome.completed);
    expect(outcome.latency).toBeNull();
    expect(outcome.statusCodes).toEqual({ '503': outcome.completed });
    expect(outcome.rps).toBeGreaterThan(10);
  });

  it('counts refused connections as errors', async () => {
    const closed = await new Promise<number>((ok) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const port = (probe.address() as AddressInfo).port;
        probe.close(() => ok(port));
      });
    });
    const outcome = await runMaxThroughput(
      { url: `http://127.0.0.1:${closed}/`, headers: {}, body: '{}' },
      1,
      1,
    );
    expect(outcome.completed).toBe(0);
    expect(outcome.errors).toBeGreaterThan(0);
  });
});
