import { describe, expect, it } from 'vitest';
import { createStrategy, isStrategyName, STRATEGY_NAMES } from './strategy.registry.js';
import { context, ids, target } from './strategy.fixture.js';

describe('strategy registry', () => {
  it('knows the ten strategies of the pack format', () => {
    expect([...STRATEGY_NAMES].sort()).toEqual(
      [
        'budget_aware',
        'highest_throughput',
        'least_busy',
        'lowest_cost',
        'lowest_latency',
        'ordered',
        'round_robin',
        'semantic',
        'weighted_random',
        'weighted_round_robin',
      ].sort(),
    );
  });

  it.each(STRATEGY_NAMES.map((name) => [name]))(
    'creates %s, named as in the pack, ordering every candidate without signals',
    (name) => {
      const strategy = createStrategy(name);
      expect(strategy.name).toBe(name);
      const candidates = [target('a', 1), target('b', 2)];
      expect(ids(strategy.order(candidates, context())).sort()).toEqual(['a', 'b']);
      expect(strategy.order([], context())).toEqual([]);
    },
  );

  it('gives each group its own state', () => {
    const candidates = [target('a'), target('b')];
    const first = createStrategy('round_robin');
    const second = createStrategy('round_robin');
    first.order(candidates, context());
    expect(second.order(candidates, context())[0]!.id).toBe('a');
  });

  it.each([
    ['ordered', true],
    ['round-robin', false],
    ['toString', false],
    ['', false],
  ])('judges %j a strategy name: %s', (name, known) => {
    expect(isStrategyName(name)).toBe(known);
  });
});
