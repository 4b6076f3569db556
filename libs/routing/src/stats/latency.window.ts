import type { LatencyStats, LatencySummary } from '../route.context.js';
import { ringCapacity, SampleRing } from './sample.ring.js';

const EMPTY: LatencySummary = { count: 0, mean: 0, p50: 0, p95: 0 };

/**
 * In-memory sliding window of latencies per target: a ring of the last `samplesPerTarget`
 * samples, filtered by time when read. Reading costs O(samples) plus a sort of the samples in
 * the window (for the percentiles), into one reused buffer.
 */
export class LatencyWindow implements LatencyStats {
  private readonly rings = new Map<string, SampleRing>();
  private readonly capacity: number;
  private readonly scratch: Float64Array;

  constructor(options: { readonly samplesPerTarget?: number } = {}) {
    this.capacity = ringCapacity(options.samplesPerTarget);
    this.scratch = new Float64Array(this.capacity);
  }

  add(targetId: string, latencyMs: number, atMs: number): void {
    if (!Number.isFinite(latencyMs) || latencyMs < 0) return;
    let ring = this.rings.get(targetId);
    if (ring === undefined) {
      ring = new SampleRing(this.capacity);
      this.rings.set(targetId, ring);
    }
    ring.push(atMs, latencyMs);
  }

  /** Samples taken after `nowMs - windowMs`; count 0 gives zeros (callers check count). */
  stats(targetId: string, nowMs: number, windowMs: number): LatencySummary {
    const ring = this.rings.get(targetId);
    if (ring === undefined) return EMPTY;
    let count = 0;
    let sum = 0;
    ring.forEachAfter(nowMs - windowMs, (latencyMs) => {
      this.scratch[count++] = latencyMs;
      sum += latencyMs;
    });
    if (count === 0) return EMPTY;
    const sorted = this.scratch.subarray(0, count).sort();
    return { count, mean: sum / count, p50: nearestRank(sorted, 0.5), p95: nearestRank(sorted, 0.95) };
  }
}

/** Nearest-rank percentile: the smallest sample with at least `p` of the samples at or below it. */
function nearestRank(sorted: Float64Array, p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}
