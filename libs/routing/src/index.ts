// Pure routing decisions: strategies, attempt planning, circuit breakers, failure handling.
// No I/O, no clock, no randomness of its own: time and `random` come in through the context.
export * from './routable.types.js';
export * from './route.context.js';

export * from './strategy/strategy.js';
export * from './strategy/strategy.registry.js';
export { OrderedStrategy } from './strategy/ordered.strategy.js';
export { RoundRobinStrategy } from './strategy/round-robin.strategy.js';
export { WeightedRoundRobinStrategy } from './strategy/weighted-round-robin.strategy.js';
export { WeightedRandomStrategy } from './strategy/weighted-random.strategy.js';
export { LeastBusyStrategy } from './strategy/least-busy.strategy.js';
export { LowestLatencyStrategy } from './strategy/lowest-latency.strategy.js';
export { HighestThroughputStrategy } from './strategy/highest-throughput.strategy.js';
export { LowestCostStrategy } from './strategy/lowest-cost.strategy.js';
export { SemanticStrategy } from './strategy/semantic.strategy.js';
export { BudgetAwareStrategy } from './strategy/budget-aware.strategy.js';

export { LatencyWindow } from './stats/latency.window.js';
export { ThroughputWindow } from './stats/throughput.window.js';
export { DEFAULT_SAMPLES_PER_TARGET } from './stats/sample.ring.js';

export * from './plan/route.table.js';
export * from './plan/attempt.planner.js';

export * from './breaker/circuit.breaker.js';
export * from './breaker/breaker.registry.js';
export * from './breaker/breaker.outcome.js';

export * from './failure/failure.classifier.js';
export * from './failure/backoff.policy.js';
export * from './failure/retry-after.parser.js';

export * from './semantic/semantic.types.js';
export { LexicalIndex, terms } from './semantic/lexical.index.js';
export { EmbeddingIndex } from './semantic/embedding.index.js';
export { pickRoute } from './semantic/route.matcher.js';
export { cosine, sparseCosine } from './semantic/vector.math.js';
