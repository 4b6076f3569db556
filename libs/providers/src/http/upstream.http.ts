import { Pool, type Dispatcher } from 'undici';

export interface UpstreamHttpOptions {
  /** How long an idle keep-alive socket stays open when the upstream gives no hint (ms). */
  readonly keepAliveMs?: number;
  /** Most sockets per origin; null = no limit. */
  readonly connectionsPerOrigin?: number | null;
}

export interface HttpPost {
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly connectMs: number;
  readonly signal: AbortSignal;
}

export interface OriginStats {
  readonly origin: string;
  readonly connected: number;
  readonly running: number;
  readonly pending: number;
}

/**
 * The HTTP client of every adapter: one keep-alive undici `Pool` per origin (and connect
 * timeout), created on first use and reused by all later requests, so the hot path never builds
 * a client. Deadlines and cancellation come with each request through its signal.
 */
export class UpstreamHttp {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly options: UpstreamHttpOptions = {}) {}

  post(request: HttpPost): Promise<Dispatcher.ResponseData> {
    const { url } = request;
    return this.pool(url.origin, request.connectMs).request({
      method: 'POST',
      path: url.pathname + url.search,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
      // The caller's deadlines (total, time to first token) govern; undici's own would cut long streams.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
  }

  /** Sockets per origin, for metrics and for tests that check a cancelled request closed its socket. */
  stats(): OriginStats[] {
    return [...this.pools.entries()].map(([key, pool]) => {
      const { connected, running, pending } = pool.stats;
      return { origin: key.slice(0, key.lastIndexOf('#')), connected, running, pending };
    });
  }

  /** Closes every pool once its in-flight requests are done. */
  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }

  private pool(origin: string, connectMs: number): Pool {
    const key = `${origin}#${connectMs}`;
    let pool = this.pools.get(key);
    if (pool === undefined) {
      pool = new Pool(origin, {
        connect: { timeout: connectMs },
        keepAliveTimeout: this.options.keepAliveMs ?? 10_000,
        connections: this.options.connectionsPerOrigin ?? null,
      });
      this.pools.set(key, pool);
    }
    return pool;
  }
}
