// Test helpers shared by the strategy and planner specs (not exported from the library).
import type { RoutableTarget, TargetPrice } from '../routable.types.js';
import type { RouteContext } from '../route.context.js';
import type { Strategy } from './strategy.js';

export function target(id: string, weight = 1, pricing?: TargetPrice): RoutableTarget {
  return { id, vendor: 'openai', weight, ...(pricing !== undefined && { pricing }) };
}

/** A fixed random sequence, repeated; a test fails loudly if a strategy asks for none. */
export function sequence(...values: number[]): () => number {
  let index = 0;
  return () => values[index++ % values.length]!;
}

export function context(overrides: Partial<RouteContext> = {}): RouteContext {
  return { nowMs: 1_000_000, random: sequence(0.5), ...overrides };
}

/** The first target of `count` consecutive orders, as ids. */
export function picks(
  strategy: Strategy,
  candidates: readonly RoutableTarget[],
  count: number,
  ctx = context(),
): string[] {
  return Array.from({ length: count }, () => strategy.order(candidates, ctx)[0]?.id ?? '-');
}

export function ids(targets: readonly RoutableTarget[]): string[] {
  return targets.map((t) => t.id);
}

export function tally(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
