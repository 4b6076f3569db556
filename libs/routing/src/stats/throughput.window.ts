import type { ThroughputStats, ThroughputSummary } from '../route.context.js';
import { ringCapacity, SampleRing } from './sample.ring.js';

const EMPTY: ThroughputSummary = { count: 0, tokensPerSecond: 0 };

/**
 * In-memory sliding window of output throughput per target. Throughput over the window is
 * total output tokens / total generation time, so long answers weigh by their length rather
 * than one short answer's burst speed dominating.
 */
export class ThroughputWindow implements ThroughputStats {
  private readonly rings = new Map<string, SampleRing>();
  private readonly capacity: number;

  constructor(options: { readonly samplesPerTarget?: number } = {}) {
    this.capacity = ringCapacity(options.samplesPerTarget);
  }

  /** `durationMs` is the time spent producing the output (latency minus TTFT when streaming). */
  add(targetId: string, outputTokens: number, durationMs: number, atMs: number): void {
    // A zero duration would be an infinite rate; such samples carry no usable signal.
    if (!(durationMs > 0) || !Number.isFinite(durationMs) || !(outputTokens >= 0)) return;
    let ring = this.rings.get(targetId);
    if (ring === undefined) {
      ring = new SampleRing(this.capacity);
      this.rings.set(targetId, ring);
    }
    ring.push(atMs, outputTokens, durationMs);
  }

  /** Samples taken after `nowMs - windowMs` (a peer clock slightly ahead still counts). */
  stats(targetId: string, nowMs: number, windowMs: number): ThroughputSummary {
    const ring = this.rings.get(targetId);
    if (ring === undefined) return EMPTY;
    let count = 0;
    let tokens = 0;
    let durationMs = 0;
    ring.forEachAfter(nowMs - windowMs, (outputTokens, duration) => {
      count++;
      tokens += outputTokens;
      durationMs += duration;
    });
    if (count === 0) return EMPTY;
    return { count, tokensPerSecond: (tokens * 1000) / durationMs };
  }
}
