import type { RoutableTarget } from '../routable.types.js';
import type { RouteContext } from '../route.context.js';
import type { Strategy, StrategyOptions } from './strategy.js';
import { ascending, rankBy } from './candidate.ranking.js';
import { RoundRobinStrategy } from './round-robin.strategy.js';
import { windowSettings, type WindowSettings } from './stats-window.options.js';

/**
 * Fastest first, by mean (or p50) latency over the last `window_seconds`. Ranking starts only
 * once EVERY candidate has `min_sample_count` samples in the window; until then it rotates like
 * round_robin, which is also what gives the slower targets their samples.
 */
export class LowestLatencyStrategy implements Strategy {
  readonly name = 'lowest_latency';
  private readonly settings: WindowSettings;
  private readonly metric: 'mean' | 'p50';
  private readonly warmUp = new RoundRobinStrategy();

  constructor(options: StrategyOptions = {}) {
    this.settings = windowSettings(options);
    this.metric = options.latencyMetric ?? 'mean';
  }

  order<T extends RoutableTarget>(candidates: readonly T[], ctx: RouteContext): readonly T[] {
    const latency = ctx.latency;
    if (latency === undefined) return this.warmUp.order(candidates);
    const { minSampleCount, windowMs } = this.settings;
    const figures = new Map(
      candidates.map((target) => [target.id, latency.stats(target.id, ctx.nowMs, windowMs)]),
    );
    for (const summary of figures.values()) {
      if (summary.count < minSampleCount) return this.warmUp.order(candidates);
    }
    return rankBy(candidates, (target) => figures.get(target.id)![this.metric], ascending);
  }
}
