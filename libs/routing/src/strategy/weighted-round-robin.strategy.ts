import type { RoutableTarget } from '../routable.types.js';
import type { Strategy } from './strategy.js';
import { rankBy } from './candidate.ranking.js';
import { integerWeight } from './target.weight.js';

/**
 * Smooth weighted round robin (nginx): every pick adds each weight to its target's current
 * value, picks the highest, and takes the total back from it. Weights 7:3 give exactly 7 and 3
 * in every window of 10 consecutive picks, interleaved. Weight-0 targets are standby: never
 * picked first, tried last. Current values live per target id: a target that leaves the set is
 * frozen and resumes where it was (the sum over all targets stays 0, so the others stay exact).
 */
export class WeightedRoundRobinStrategy implements Strategy {
  readonly name = 'weighted_round_robin';
  private readonly current = new Map<string, number>();

  order<T extends RoutableTarget>(candidates: readonly T[]): readonly T[] {
    const weighted: T[] = [];
    const standby: T[] = [];
    let total = 0;
    let pick: T | undefined;
    let pickCurrent = 0;
    for (const target of candidates) {
      const weight = integerWeight(target.weight);
      if (weight === 0) {
        standby.push(target);
        continue;
      }
      const value = (this.current.get(target.id) ?? 0) + weight;
      this.current.set(target.id, value);
      total += weight;
      weighted.push(target);
      if (pick === undefined || value > pickCurrent) {
        pick = target;
        pickCurrent = value;
      }
    }
    if (pick === undefined) return standby;
    this.current.set(pick.id, pickCurrent - total);
    const chosen = pick;
    // The in-group fallback order is the order the next picks would take.
    const rest = rankBy(
      weighted.filter((target) => target !== chosen),
      (target) => this.current.get(target.id) ?? 0,
      (a, b) => b - a,
    );
    return [chosen, ...rest, ...standby];
  }
}
