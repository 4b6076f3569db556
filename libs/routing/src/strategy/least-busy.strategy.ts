import type { RoutableTarget } from '../routable.types.js';
import type { RouteContext } from '../route.context.js';
import type { Strategy } from './strategy.js';
import { ascending, rankBy } from './candidate.ranking.js';

/** Fewest requests in flight first; ties (and no in-flight signal at all) keep pack order. */
export class LeastBusyStrategy implements Strategy {
  readonly name = 'least_busy';

  order<T extends RoutableTarget>(candidates: readonly T[], ctx: RouteContext): readonly T[] {
    const inFlight = ctx.inFlight;
    if (inFlight === undefined) return candidates;
    return rankBy(candidates, (target) => inFlight(target.id), ascending);
  }
}
