import type { Strategy, StrategyOptions } from './strategy.js';
import { BudgetAwareStrategy } from './budget-aware.strategy.js';
import { HighestThroughputStrategy } from './highest-throughput.strategy.js';
import { LeastBusyStrategy } from './least-busy.strategy.js';
import { LowestCostStrategy } from './lowest-cost.strategy.js';
import { LowestLatencyStrategy } from './lowest-latency.strategy.js';
import { OrderedStrategy } from './ordered.strategy.js';
import { RoundRobinStrategy } from './round-robin.strategy.js';
import { SemanticStrategy } from './semantic.strategy.js';
import { WeightedRandomStrategy } from './weighted-random.strategy.js';
import { WeightedRoundRobinStrategy } from './weighted-round-robin.strategy.js';

/** Every strategy by its pack name: adding one is its file plus one line here. */
const STRATEGY_FACTORIES = {
  ordered: () => new OrderedStrategy(),
  round_robin: () => new RoundRobinStrategy(),
  weighted_round_robin: () => new WeightedRoundRobinStrategy(),
  weighted_random: () => new WeightedRandomStrategy(),
  least_busy: () => new LeastBusyStrategy(),
  lowest_latency: (options: StrategyOptions) => new LowestLatencyStrategy(options),
  highest_throughput: (options: StrategyOptions) => new HighestThroughputStrategy(options),
  lowest_cost: () => new LowestCostStrategy(),
  semantic: () => new SemanticStrategy(),
  budget_aware: () => new BudgetAwareStrategy(),
} as const satisfies Record<string, (options: StrategyOptions) => Strategy>;

export type StrategyName = keyof typeof STRATEGY_FACTORIES;

export const STRATEGY_NAMES = Object.keys(STRATEGY_FACTORIES) as readonly StrategyName[];

export function isStrategyName(name: string): name is StrategyName {
  return Object.hasOwn(STRATEGY_FACTORIES, name);
}

/** A fresh instance with its own state: create one per group and keep it for the group's life. */
export function createStrategy(name: StrategyName, options: StrategyOptions = {}): Strategy {
  return STRATEGY_FACTORIES[name](options);
}
