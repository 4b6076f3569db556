import { setTimeout as delay } from 'node:timers/promises';
import autocannon from 'autocannon';
import type { LatencySummary } from './bench.model.js';
import { summarizeLatencies, SampleBuffer } from './latency.stats.js';
import { staggeredSlices } from './load.shape.js';

/** One fixed POST, the same for every request of a run. */
export interface LoadRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface LoadOutcome {
  readonly completed: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly rps: number;
  readonly latency: LatencySummary | null;
  readonly statusCodes: Readonly<Record<string, number>>;
  /** Wall-clock seconds from the first request to the end of the last instance. */
  readonly elapsedSeconds: number;
}

/** What every autocannon instance of one run adds to. */
class Tally {
  readonly latencies = new SampleBuffer();
  readonly statusCodes: Record<string, number> = {};
  completed = 0;
  ok = 0;
  errors = 0;
  timeouts = 0;

  onResponse(status: number, ms: number): void {
    this.completed += 1;
    this.statusCodes[status] = (this.statusCodes[status] ?? 0) + 1;
    if (status >= 200 && status < 300) {
      this.ok += 1;
      this.latencies.push(ms);
    }
  }

  outcome(rps: number, elapsedSeconds: number): LoadOutcome {
    return {
      completed: this.completed,
      ok: this.ok,
      non2xx: this.completed - this.ok,
      errors: this.errors,
      timeouts: this.timeouts,
      rps,
      latency: summarizeLatencies(this.latencies.values()),
      statusCodes: { ...this.statusCodes },
      elapsedSeconds,
    };
  }
}

/**
 * `rate` requests per second, spread evenly (see staggeredSlices), `seconds` times over: each slice
 * sends exactly its share, so a target that cannot keep up takes longer and shows a lower rate.
 */
export async function runFixedRate(
  request: LoadRequest,
  rate: number,
  connections: number,
  seconds: number,
): Promise<LoadOutcome> {
  const tally = new Tally();
  const began = performance.now();
  const elapsed = await Promise.all(
    staggeredSlices(rate, connections).map(async (slice) => {
      await delay(slice.startOffsetMs);
      const start = performance.now();
      await fire(request, { connections: 1, overallRate: slice.rate, amount: slice.rate * seconds }, tally, {
        stopAfterMs: seconds * 3_000 + 10_000,
      });
      return (performance.now() - start) / 1000;
    }),
  );
  // A slice that kept up ends just after its last quota, at about `seconds - 1`: count `seconds`.
  const window = Math.max(seconds, ...elapsed);
  return tally.outcome(tally.completed / window, (performance.now() - began) / 1000);
}

/** As many requests as `connections` keep-alive connections get answered, for `seconds`. */
export async function runMaxThroughput(
  request: LoadRequest,
  connections: number,
  seconds: number,
): Promise<LoadOutcome> {
  const tally = new Tally();
  const result = await fire(request, { connections, duration: seconds }, tally);
  return tally.outcome(tally.completed / result.duration, result.duration);
}

interface Shape {
  readonly connections: number;
  readonly duration?: number;
  readonly amount?: number;
  readonly overallRate?: number;
}

function fire(
  request: LoadRequest,
  shape: Shape,
  tally: Tally,
  limits: { readonly stopAfterMs?: number } = {},
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    let guard: NodeJS.Timeout | undefined = undefined;
    const instance = autocannon(
      {
        url: request.url,
        method: 'POST',
        headers: { ...request.headers },
        body: request.body,
        pipelining: 1,
        timeout: 10,
        ...shape,
        // Latencies come from the response events below, not from autocannon's histogram (whose
        // coordinated-omission correction assumes evenly paced requests, which rate mode is not).
        ...(shape.overallRate !== undefined && { ignoreCoordinatedOmission: true }),
      },
      (error: unknown, result: autocannon.Result) => {
        clearTimeout(guard);
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else {
          tally.errors += result.errors;
          tally.timeouts += result.timeouts;
          resolve(result);
        }
      },
    );
    instance.on('response', (_client, status, _bytes, ms) => tally.onResponse(status, ms));
    // A target that stalls must not hold the whole benchmark: stop the slice, keep what it measured.
    if (limits.stopAfterMs !== undefined) guard = setTimeout(() => instance.stop(), limits.stopAfterMs);
  });
}
