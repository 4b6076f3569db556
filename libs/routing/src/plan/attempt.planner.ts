import type { RoutableGroup, RoutableTarget } from '../routable.types.js';
import type { RouteContext } from '../route.context.js';
import type { StrategyName } from '../strategy/strategy.registry.js';
import type { GroupRoute, RouteTable } from './route.table.js';

/** Why a target was left out of a request's plan. */
export const UNAVAILABLE_REASONS = [
  'missing_secret',
  'circuit_open',
  'budget_blocked',
  'data_policy',
] as const;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

export interface PlanContext<T extends RoutableTarget = RoutableTarget> extends RouteContext {
  /**
   * `true` or why the target cannot serve this request. Check the breaker with
   * `allowsRequest` here (it reserves nothing); call `tryAcquire` just before each attempt.
   */
  readonly isAvailable?: (target: T) => true | UnavailableReason;
}

export interface SkippedTarget<T extends RoutableTarget> {
  readonly target: T;
  readonly group: string;
  readonly reason: UnavailableReason;
}

export interface AttemptPlan<T extends RoutableTarget, G extends RoutableGroup> {
  /** The group the requested model resolved to. */
  readonly group: G;
  readonly strategy: StrategyName;
  /** Targets to try in order, each at most once (retries on one target are the caller's). */
  readonly attempts: readonly T[];
  readonly skipped: readonly SkippedTarget<T>[];
  /** Group names ordered for this plan, starting with `group`. */
  readonly groups: readonly string[];
}

/**
 * The attempt order for one request: the group's available targets ordered by its strategy,
 * then each `fallback_group` in turn (ordered by its own strategy), without repeats or cycles,
 * at most `1 + max_fallback_attempts` targets. With fallback disabled exactly one target is
 * planned — the strategy's pick — since trying a second target IS a fallback.
 * Every group ordered here counts as one request to its strategy. Undefined for an unknown model.
 */
export function planAttempts<T extends RoutableTarget, G extends RoutableGroup>(
  table: RouteTable<T, G>,
  model: string,
  ctx: PlanContext<T>,
): AttemptPlan<T, G> | undefined {
  const first = table.byModel.get(model);
  if (first === undefined) return undefined;
  const { enabled, maxFallbackAttempts } = table.fallback;
  const limit = enabled ? 1 + Math.max(0, Math.floor(maxFallbackAttempts)) : 1;
  const attempts: T[] = [];
  const skipped: SkippedTarget<T>[] = [];
  const groups: string[] = [];
  const seen = new Set<string>();

  for (
    let route: GroupRoute<T, G> | undefined = first;
    route !== undefined;
    route = next(table, route, enabled)
  ) {
    if (attempts.length >= limit || groups.includes(route.group.name)) break;
    groups.push(route.group.name);
    const candidates: T[] = [];
    for (const target of route.targets) {
      if (seen.has(target.id)) continue;
      seen.add(target.id);
      const verdict = ctx.isAvailable?.(target) ?? true;
      if (verdict === true) candidates.push(target);
      else skipped.push({ target, group: route.group.name, reason: verdict });
    }
    for (const target of route.strategy.order(candidates, ctx)) {
      if (attempts.length >= limit) break;
      attempts.push(target);
    }
  }
  return { group: first.group, strategy: first.strategyName, attempts, skipped, groups };
}

function next<T extends RoutableTarget, G extends RoutableGroup>(
  table: RouteTable<T, G>,
  route: GroupRoute<T, G>,
  fallbackEnabled: boolean,
): GroupRoute<T, G> | undefined {
  const name = route.group.fallbackGroup;
  return fallbackEnabled && name !== undefined ? table.byModel.get(name) : undefined;
}
