// The order in which the soak sends its probes: hostile and ordinary traffic interleaved by a seeded
// generator, so that a run can be repeated exactly and every probe is sent many times.
import type { Probe } from './hostile.corpus.js';

/** mulberry32: a small seeded generator, enough to shuffle a test plan reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Probes that move megabytes or nest deeply are drawn less often than the cheap ones. */
export function probeWeight(probe: Probe): number {
  return probe.kind === 'oversized' || probe.kind === 'nested' ? 1 : 4;
}

export interface PlanOptions {
  readonly requests: number;
  /** Share of hostile probes, 0..1. */
  readonly hostileShare: number;
  readonly seed: number;
}

/**
 * `requests` probes: each slot is hostile with probability `hostileShare`, then a probe of that side
 * drawn by weight. Every hostile probe appears at least once when there are enough slots.
 */
export function soakPlan(ordinary: readonly Probe[], hostile: readonly Probe[], opts: PlanOptions): Probe[] {
  if (!Number.isInteger(opts.requests) || opts.requests < 1)
    throw new Error('requests must be a positive integer');
  if (!(opts.hostileShare >= 0 && opts.hostileShare <= 1))
    throw new Error('hostileShare must be within 0..1');
  if (ordinary.length === 0 || hostile.length === 0) throw new Error('both sides of the corpus need probes');
  const random = seededRandom(opts.seed);
  const pick = (side: readonly Probe[]): Probe => {
    const total = side.reduce((sum, p) => sum + probeWeight(p), 0);
    let at = random() * total;
    for (const probe of side) {
      at -= probeWeight(probe);
      if (at < 0) return probe;
    }
    return side[side.length - 1]!;
  };
  const plan = Array.from({ length: opts.requests }, () =>
    pick(random() < opts.hostileShare ? hostile : ordinary),
  );
  // Guarantee coverage: overwrite hostile slots with any probe the draw missed.
  const missing = hostile.filter((p) => !plan.includes(p));
  for (const [index, slot] of plan.entries()) {
    if (missing.length === 0) break;
    if (hostile.includes(slot) && plan.filter((p) => p === slot).length > 1) plan[index] = missing.shift()!;
  }
  return plan;
}
