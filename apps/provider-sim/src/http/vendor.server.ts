import type { FastifyInstance } from 'fastify';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

const SETTLE_MS = 20;

/**
 * One listening simulator. It drives the Node server itself (not `app.listen`) because an outage
 * must really stop listening, so clients get ECONNREFUSED, and later listen again on the same port.
 */
export class VendorServer {
  private port: number;
  private listening = false;

  constructor(
    private readonly app: FastifyInstance,
    private readonly host: string,
    port: number,
  ) {
    this.port = port;
  }

  get url(): string {
    return originOf(this.host, this.port);
  }

  async start(): Promise<void> {
    await this.app.ready();
    await this.setListening(true);
  }

  /** Off: stop accepting and drop every open connection (in-flight and hung requests die with it). */
  async setListening(on: boolean): Promise<void> {
    if (on === this.listening) return;
    const server = this.app.server;
    if (on) {
      await listen(server, this.port, this.host);
      const address = server.address();
      // Keep the port a random (0) request got, so an outage comes back where clients expect it.
      if (address !== null && typeof address === 'object') this.port = address.port;
    } else {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      // A moment for clients (often in this very process) to see their pooled sockets close, so a
      // request right after the outage ends opens a new connection instead of dying on a stale one.
      await sleep(SETTLE_MS);
    }
    this.listening = on;
  }

  async stop(): Promise<void> {
    await this.setListening(false);
    await this.app.close();
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen({ port, host }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** `http://host:port`, with IPv6 hosts bracketed. */
export function originOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
