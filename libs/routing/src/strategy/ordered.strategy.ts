import type { RoutableTarget } from '../routable.types.js';
import type { Strategy } from './strategy.js';

/** Pack order: the first available target is the pick, the next ones are the fallbacks. */
export class OrderedStrategy implements Strategy {
  readonly name = 'ordered';

  order<T extends RoutableTarget>(candidates: readonly T[]): readonly T[] {
    return candidates;
  }
}
