import { isOneOf } from './word.list.js';

/**
 * The pack's routing strategies; `@kt/routing` has one factory per name (the compiler asks for it).
 * Error messages quote this list, so its order is the order users read.
 */
export const STRATEGY_NAMES = [
  'ordered',
  'round_robin',
  'weighted_round_robin',
  'weighted_random',
  'least_busy',
  'lowest_latency',
  'highest_throughput',
  'lowest_cost',
  'semantic',
  'budget_aware',
] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

export function isStrategyName(value: string): value is StrategyName {
  return isOneOf(STRATEGY_NAMES, value);
}
