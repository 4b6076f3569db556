import { once } from 'node:events';
import type { FastifyReply } from 'fastify';

/** Writes a server-sent event stream straight to the socket, respecting backpressure. */
export class SseWriter {
  private readonly raw: FastifyReply['raw'];

  constructor(reply: FastifyReply, headers: Record<string, string>) {
    reply.hijack();
    this.raw = reply.raw;
    this.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      ...headers,
    });
  }

  /** False once the client has gone. */
  async write(data: string): Promise<boolean> {
    if (this.raw.destroyed || data.length === 0) return !this.raw.destroyed;
    if (!this.raw.write(data)) {
      await Promise.race([once(this.raw, 'drain'), once(this.raw, 'close')]);
    }
    return !this.raw.destroyed;
  }

  end(): void {
    if (!this.raw.destroyed) this.raw.end();
  }
}
