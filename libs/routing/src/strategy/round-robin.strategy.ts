import type { RoutableTarget } from '../routable.types.js';
import type { Strategy } from './strategy.js';
import { rankBy } from './candidate.ranking.js';

const NEVER_PICKED = -1;

/**
 * Rotates the start: the pick is the least recently picked candidate (pack order among those
 * never picked). On a fixed set that is plain rotation; keeping the memory per target id keeps
 * it fair when a target drops out (breaker open) and comes back.
 */
export class RoundRobinStrategy implements Strategy {
  readonly name = 'round_robin';
  private readonly lastPicked = new Map<string, number>();
  private picks = 0;

  order<T extends RoutableTarget>(candidates: readonly T[]): readonly T[] {
    if (candidates.length === 0) return candidates;
    const ranked = rankBy(
      candidates,
      (target) => this.lastPicked.get(target.id) ?? NEVER_PICKED,
      (a, b) => a - b,
    );
    this.lastPicked.set(ranked[0]!.id, this.picks++);
    return ranked;
  }
}
