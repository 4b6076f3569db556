import type { FaultSpec, LatencySpec } from './fault.model.js';

/** What happens to one request: wait `delayMs`, then hang, fail, send garbage or reply normally. */
export interface FaultPlan {
  readonly delayMs: number;
  readonly outcome: 'reply' | 'hang' | 'error' | 'malformed';
}

export type Random = () => number;

const CALM: FaultPlan = { delayMs: 0, outcome: 'reply' };

/** Decides one request's fate from the spec; `random` is injectable so the rule is testable. */
export function planFaults(spec: FaultSpec, random: Random): FaultPlan {
  const delayMs = sampleLatency(spec.latency, random);
  const outcome = spec.hang
    ? 'hang'
    : spec.errorRate > 0 && random() < spec.errorRate
      ? 'error'
      : spec.malformed
        ? 'malformed'
        : 'reply';
  return delayMs === 0 && outcome === 'reply' ? CALM : { delayMs, outcome };
}

/** Whole milliseconds, never negative (a normal distribution is clipped at 0). */
export function sampleLatency(latency: LatencySpec, random: Random): number {
  switch (latency.kind) {
    case 'fixed':
      return Math.round(latency.ms);
    case 'uniform':
      return Math.round(latency.min + random() * (latency.max - latency.min));
    case 'normal': {
      if (latency.stddev === 0) return Math.round(latency.mean);
      // Box-Muller; 1 - random() keeps the logarithm's argument in (0, 1].
      const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      return Math.max(0, Math.round(latency.mean + latency.stddev * z));
    }
  }
}
