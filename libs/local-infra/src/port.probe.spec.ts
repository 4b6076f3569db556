import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, isPortFree } from './port.probe.js';

const servers: Server[] = [];
function listen(host: string): Promise<number> {
  const server = createServer();
  servers.push(server);
  return new Promise((resolve) =>
    server.listen({ port: 0, host }, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    }),
  );
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('isPortFree', () => {
  it.each(['127.0.0.1', '0.0.0.0'])('sees a port taken by a server on %s', async (host) => {
    const port = await listen(host);
    expect(await isPortFree(port)).toBe(false);
  });

  it('sees a port as free again once its server has closed', async () => {
    const port = await listen('127.0.0.1');
    await new Promise((resolve) => servers.pop()?.close(resolve));
    expect(await isPortFree(port)).toBe(true);
  });
});

describe('freePort', () => {
  it('keeps the preferred port when it is free', async () => {
    const port = await listen('127.0.0.1');
    await new Promise((resolve) => servers.pop()?.close(resolve));
    expect(await freePort(port)).toBe(port);
  });

  it('picks another free port when the preferred one is taken', async () => {
    const taken = await listen('127.0.0.1');
    const port = await freePort(taken);
    expect(port).not.toBe(taken);
    expect(await isPortFree(port)).toBe(true);
  });

  it('never returns a port it was asked to avoid', async () => {
    const port = await listen('127.0.0.1');
    await new Promise((resolve) => servers.pop()?.close(resolve));
    expect(await freePort(port, [port])).not.toBe(port);
  });
});
