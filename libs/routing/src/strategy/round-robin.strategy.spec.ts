import { describe, expect, it } from 'vitest';
import { RoundRobinStrategy } from './round-robin.strategy.js';
import { ids, picks, tally, target } from './strategy.fixture.js';

const [a, b, c] = [target('a'), target('b'), target('c')];

describe('round_robin', () => {
  it('rotates the start through the candidates in pack order', () => {
    expect(picks(new RoundRobinStrategy(), [a, b, c], 7)).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
  });

  it('falls back within the group in rotated order', () => {
    const strategy = new RoundRobinStrategy();
    expect(ids(strategy.order([a, b, c]))).toEqual(['a', 'b', 'c']);
    expect(ids(strategy.order([a, b, c]))).toEqual(['b', 'c', 'a']);
    expect(ids(strategy.order([a, b, c]))).toEqual(['c', 'a', 'b']);
  });

  it('ignores weights', () => {
    expect(tally(picks(new RoundRobinStrategy(), [target('x', 9), target('y', 1)], 100))).toEqual({
      x: 50,
      y: 50,
    });
  });

  it('stays fair when a target leaves and comes back', () => {
    const strategy = new RoundRobinStrategy();
    expect(picks(strategy, [a, b, c], 2)).toEqual(['a', 'b']);
    expect(picks(strategy, [a, c], 3)).toEqual(['c', 'a', 'c']);
    expect(picks(strategy, [a, b, c], 3)).toEqual(['b', 'a', 'c']);
  });

  it('returns nothing for no candidates', () => {
    expect(new RoundRobinStrategy().order([])).toEqual([]);
  });
});
