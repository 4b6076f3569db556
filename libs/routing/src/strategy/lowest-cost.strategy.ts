import type { RoutableTarget } from '../routable.types.js';
import type { RouteContext } from '../route.context.js';
import type { Strategy } from './strategy.js';
import { rankBy } from './candidate.ranking.js';

/**
 * Cheapest first by input + output price per million tokens (a blend that needs no usage
 * guess). Prices come from `ctx.priceOf` when given, else the target's pack `pricing`.
 * Unpriced targets go last, in pack order: an unknown price is never assumed to be cheap.
 */
export class LowestCostStrategy implements Strategy {
  readonly name = 'lowest_cost';

  order<T extends RoutableTarget>(candidates: readonly T[], ctx: RouteContext): readonly T[] {
    return rankBy(candidates, (target) => blendedPrice(target, ctx), comparePrices);
  }
}

function blendedPrice(target: RoutableTarget, ctx: RouteContext): bigint | undefined {
  const price = ctx.priceOf?.(target) ?? target.pricing;
  if (price === undefined) return undefined;
  return price.inputMicroUsdPerMillion + price.outputMicroUsdPerMillion;
}

function comparePrices(a: bigint | undefined, b: bigint | undefined): number {
  if (a === undefined || b === undefined) return (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
}
