import { request } from 'node:http';
import { Readable } from 'node:stream';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { closeConnectionsAfter } from './shutdown.deadline.js';

const CHUNK = Buffer.alloc(1024 * 1024, 'x');
let open: (() => void) | undefined;

afterEach(() => open?.());

/** A client that asks for a large streamed body (a static file, an export) and never reads it. */
async function stalledClient(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const req = request({ port, host: '127.0.0.1', path: '/big' }, (res) => {
      res.pause();
      open = () => res.destroy();
      resolve();
    });
    req.on('error', reject);
    req.end();
  });
}

async function closeMs(graceMs: number | undefined): Promise<number> {
  const app = Fastify();
  if (graceMs !== undefined) closeConnectionsAfter(app, graceMs);
  // 64 MiB from a stream: the reply is still being written when the close starts.
  app.get('/big', (_req, reply) => reply.send(Readable.from(Array.from({ length: 64 }, () => CHUNK))));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  await stalledClient(port);
  const started = Date.now();
  const closed = app.close().then(() => Date.now() - started);
  const limit = new Promise<number>((resolve) => setTimeout(() => resolve(Infinity), 3_000).unref());
  const elapsed = await Promise.race([closed, limit]);
  if (elapsed === Infinity) app.server.closeAllConnections();
  return elapsed;
}

describe('closeConnectionsAfter', () => {
  it('cuts a connection whose client stopped reading once the grace is over', async () => {
    const elapsed = await closeMs(300);
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2_500);
  });

  it('is needed: without it the close waits on that client', async () => {
    expect(await closeMs(undefined)).toBe(Infinity);
  });
});
