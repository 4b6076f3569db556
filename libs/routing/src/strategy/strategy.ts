import type { RoutableTarget } from '../routable.types.js';
import type { RouteContext } from '../route.context.js';

/**
 * Orders a group's available targets for one request: the first is the pick, the rest the order
 * to fall back within the group. Each call counts as one request (stateful strategies advance).
 * Candidates arrive in pack order; strategies break ties by it. State is kept per target id, so
 * a target leaving the candidate set (breaker open) and coming back resumes where it was.
 */
export interface Strategy {
  readonly name: string;
  order<T extends RoutableTarget>(candidates: readonly T[], ctx: RouteContext): readonly T[];
}

/** Settings a strategy instance is created with (one instance per group). */
export interface StrategyOptions {
  /** Samples every candidate needs in the window before stats-based ranking starts. */
  readonly minSampleCount?: number;
  readonly windowSeconds?: number;
  /** Which latency figure lowest_latency ranks by. */
  readonly latencyMetric?: 'mean' | 'p50';
}

export const DEFAULT_MIN_SAMPLE_COUNT = 5;
export const DEFAULT_WINDOW_SECONDS = 60;
