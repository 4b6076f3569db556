import type { RoutableTarget } from '../routable.types.js';
import type { RouteContext } from '../route.context.js';
import type { Strategy, StrategyOptions } from './strategy.js';
import { descending, rankBy } from './candidate.ranking.js';
import { RoundRobinStrategy } from './round-robin.strategy.js';
import { windowSettings, type WindowSettings } from './stats-window.options.js';

/**
 * Most output tokens per second over the last `window_seconds` first. Like lowest_latency it
 * rotates (round_robin) until every candidate has `min_sample_count` samples in the window.
 */
export class HighestThroughputStrategy implements Strategy {
  readonly name = 'highest_throughput';
  private readonly settings: WindowSettings;
  private readonly warmUp = new RoundRobinStrategy();

  constructor(options: StrategyOptions = {}) {
    this.settings = windowSettings(options);
  }

  order<T extends RoutableTarget>(candidates: readonly T[], ctx: RouteContext): readonly T[] {
    const throughput = ctx.throughput;
    if (throughput === undefined) return this.warmUp.order(candidates);
    const { minSampleCount, windowMs } = this.settings;
    const figures = new Map(
      candidates.map((target) => [target.id, throughput.stats(target.id, ctx.nowMs, windowMs)]),
    );
    for (const summary of figures.values()) {
      if (summary.count < minSampleCount) return this.warmUp.order(candidates);
    }
    return rankBy(candidates, (target) => figures.get(target.id)!.tokensPerSecond, descending);
  }
}
