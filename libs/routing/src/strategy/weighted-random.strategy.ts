import type { RoutableTarget } from '../routable.types.js';
import type { RouteContext } from '../route.context.js';
import type { Strategy } from './strategy.js';

/**
 * Picks with probability proportional to weight using the injected `random`, then orders the
 * rest by further weighted draws without replacement. Weight-0 targets are standby, tried last.
 * One draw per position except the last, so two weighted candidates cost exactly one draw.
 */
export class WeightedRandomStrategy implements Strategy {
  readonly name = 'weighted_random';

  order<T extends RoutableTarget>(candidates: readonly T[], ctx: RouteContext): readonly T[] {
    const pool: T[] = [];
    const standby: T[] = [];
    for (const target of candidates) (isWeighted(target) ? pool : standby).push(target);
    const ordered: T[] = [];
    while (pool.length > 1) {
      const index = drawIndex(pool, ctx.random());
      ordered.push(pool.splice(index, 1)[0]!);
    }
    return [...ordered, ...pool, ...standby];
  }
}

function isWeighted(target: RoutableTarget): boolean {
  return Number.isFinite(target.weight) && target.weight > 0;
}

function drawIndex(pool: readonly RoutableTarget[], random: number): number {
  const total = pool.reduce((sum, target) => sum + target.weight, 0);
  let remaining = random * total;
  for (let index = 0; index < pool.length; index++) {
    remaining -= pool[index]!.weight;
    if (remaining < 0) return index;
  }
  // Only reachable when `random` returns 1 or rounding eats the last sliver.
  return pool.length - 1;
}
