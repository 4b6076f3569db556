import type { StrategyName } from '@kt/contracts';
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

// The names are `@kt/contracts`' (the pack validates against the same list); re-exported so
// routing's callers need not know where the words live.
export { isStrategyName, STRATEGY_NAMES, type StrategyName } from '@kt/contracts';

/** Every strategy by its pack name: adding one is its name in the vocabulary, its file and one line here. */
const STRATEGY_FACTORIES: Readonly<Record<StrategyName, (options: StrategyOptions) => Strategy>> = {
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
};

/** A fresh instance with its own state: create one per group and keep it for the group's life. */
export function createStrategy(name: StrategyName, options: StrategyOptions = {}): Strategy {
  return STRATEGY_FACTORIES[name](options);
}
