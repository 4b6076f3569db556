import type { RoutableGroup, RoutableTarget } from '../routable.types.js';
import type { Strategy } from '../strategy/strategy.js';
import { createStrategy, isStrategyName, type StrategyName } from '../strategy/strategy.registry.js';

/** The pack's `providers.fallback` as routing needs it. */
export interface FallbackSettings {
  readonly enabled: boolean;
  readonly maxFallbackAttempts: number;
}

export interface RouteTableOptions {
  /** Pack-wide routing (`providers.routing`), used where a group does not set its own. */
  readonly routing?: {
    readonly strategy?: string;
    readonly minSampleCount?: number;
    readonly windowSeconds?: number;
  };
  readonly fallback?: FallbackSettings;
}

/** One group with its targets resolved and its own strategy instance (and state). */
export interface GroupRoute<T extends RoutableTarget, G extends RoutableGroup> {
  readonly group: G;
  readonly targets: readonly T[];
  readonly strategyName: StrategyName;
  readonly strategy: Strategy;
}

export interface RouteTable<
  T extends RoutableTarget = RoutableTarget,
  G extends RoutableGroup = RoutableGroup,
> {
  /** Every group under its name and each alias. */
  readonly byModel: ReadonlyMap<string, GroupRoute<T, G>>;
  readonly targetsById: ReadonlyMap<string, T>;
  readonly fallback: FallbackSettings;
}

/** Keeptrusts' documented defaults: fallback off, three fallback attempts when on. */
export const DEFAULT_FALLBACK: FallbackSettings = { enabled: false, maxFallbackAttempts: 3 };

/**
 * Builds the lookup index and one strategy per group, once per pack. A new pack means a new
 * table (strategy state starts over). Throws a RangeError on references a validated pack
 * cannot contain (unknown target, group or strategy, a name used twice).
 */
export function createRouteTable<T extends RoutableTarget, G extends RoutableGroup>(
  groups: readonly G[],
  targets: readonly T[],
  options: RouteTableOptions = {},
): RouteTable<T, G> {
  const targetsById = new Map(targets.map((target) => [target.id, target]));
  const byModel = new Map<string, GroupRoute<T, G>>();
  for (const group of groups) {
    const route = groupRoute(group, targetsById, options);
    for (const model of [group.name, ...group.aliases]) {
      if (byModel.has(model)) throw new RangeError(`model group name or alias "${model}" is used twice`);
      byModel.set(model, route);
    }
  }
  for (const group of groups) {
    if (group.fallbackGroup !== undefined && !byModel.has(group.fallbackGroup)) {
      throw new RangeError(`group "${group.name}" falls back to unknown group "${group.fallbackGroup}"`);
    }
  }
  return { byModel, targetsById, fallback: options.fallback ?? DEFAULT_FALLBACK };
}

/** The group a requested model names (by group name or alias). */
export function resolveGroup<T extends RoutableTarget, G extends RoutableGroup>(
  table: RouteTable<T, G>,
  model: string,
): G | undefined {
  return table.byModel.get(model)?.group;
}

function groupRoute<T extends RoutableTarget, G extends RoutableGroup>(
  group: G,
  targetsById: ReadonlyMap<string, T>,
  options: RouteTableOptions,
): GroupRoute<T, G> {
  const members = group.targets.map((id) => {
    const target = targetsById.get(id);
    if (target === undefined) throw new RangeError(`group "${group.name}" names unknown target "${id}"`);
    return target;
  });
  const defaults = options.routing;
  const name = group.routing?.strategy ?? group.strategy ?? defaults?.strategy ?? 'ordered';
  if (!isStrategyName(name)) throw new RangeError(`group "${group.name}" uses unknown strategy "${name}"`);
  const minSampleCount = group.routing?.minSampleCount ?? group.minSampleCount ?? defaults?.minSampleCount;
  const windowSeconds = group.routing?.windowSeconds ?? group.windowSeconds ?? defaults?.windowSeconds;
  return {
    group,
    targets: members,
    strategyName: name,
    strategy: createStrategy(name, {
      ...(minSampleCount !== undefined && { minSampleCount }),
      ...(windowSeconds !== undefined && { windowSeconds }),
    }),
  };
}
