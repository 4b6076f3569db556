import type { RoutableTarget, TargetPrice } from './routable.types.js';

/** Latency of one target over a trailing window (see LatencyWindow for the in-memory one). */
export interface LatencySummary {
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
}

export interface LatencyStats {
  stats(targetId: string, nowMs: number, windowMs: number): LatencySummary;
}

/** Output tokens per second of one target over a trailing window. */
export interface ThroughputSummary {
  readonly count: number;
  readonly tokensPerSecond: number;
}

export interface ThroughputStats {
  stats(targetId: string, nowMs: number, windowMs: number): ThroughputSummary;
}

/**
 * What a strategy may look at for one request. Decisions are pure: the clock and randomness
 * come in here, and every signal is optional so a strategy degrades instead of throwing.
 */
export interface RouteContext {
  /** Epoch milliseconds (UTC) of the decision; nothing in routing reads the clock. */
  readonly nowMs: number;
  /** Uniform in [0, 1): `Math.random` in production, a fixed sequence in tests. */
  readonly random: () => number;
  /** Requests currently in flight to a target (least_busy). */
  readonly inFlight?: (targetId: string) => number;
  /** Observed latencies (lowest_latency). */
  readonly latency?: LatencyStats;
  /** Observed output throughput (highest_throughput). */
  readonly throughput?: ThroughputStats;
  /** Price used by lowest_cost; defaults to the target's pack `pricing` (e.g. pass a catalog lookup). */
  readonly priceOf?: (target: RoutableTarget) => TargetPrice | undefined;
  /** Remaining budget in micro-USD for a target; undefined = no budget limits it (budget_aware). */
  readonly budgetHeadroom?: (targetId: string) => bigint | undefined;
  /** The request's prompt text, for semantic routing. */
  readonly prompt?: string;
  /** Target ids preferred for a prompt, best first; undefined or empty = no opinion (semantic). */
  readonly semanticRoute?: (prompt: string) => readonly string[] | undefined;
}
