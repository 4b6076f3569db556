import { createServer } from 'node:net';

const LOOPBACKS = ['127.0.0.1', '::1'] as const;

/** Whether a server could listen on `port` of `host` now (EADDRNOTAVAIL: no such interface, so free). */
function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT'),
    );
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** True when nothing listens on `port` of the loopback interfaces. */
export async function isPortFree(port: number): Promise<boolean> {
  for (const host of LOOPBACKS) if (!(await canListen(port, host))) return false;
  return true;
}

/** A port the OS says is free right now. */
function ephemeralPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * `preferred` when it is free, else another free port not in `avoid`. Lets two test runs on one
 * machine (several engineers, one CI) each get their own broker and database.
 */
export async function freePort(preferred: number, avoid: readonly number[] = []): Promise<number> {
  if (!avoid.includes(preferred) && (await isPortFree(preferred))) return preferred;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const port = await ephemeralPort();
    if (!avoid.includes(port) && (await isPortFree(port))) return port;
  }
  throw new Error(`no free TCP port found near ${preferred}`);
}
