/**
 * Cut streams counted at once. When a provider dies every in-flight stream needs counting at the
 * same moment; counted all together they would interleave and every event would wait for the
 * last count. Two at a time, events go out one after another while the rest of the gateway keeps
 * the event loop (each count yields every 16 KB).
 */
export const MAX_CONCURRENT_COUNTS = 2;

/** Runs async tasks at most `limit` at a time, in arrival order. */
export class CountingQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.limit) this.running++;
    // The finishing task hands its slot over directly, so `running` stays at the limit.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next !== undefined) next();
      else this.running--;
    }
  }
}

/** The gateway process's one queue for token counts. */
export const countingQueue = new CountingQueue(MAX_CONCURRENT_COUNTS);
