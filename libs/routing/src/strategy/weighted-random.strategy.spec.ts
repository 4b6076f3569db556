import { describe, expect, it } from 'vitest';
import { WeightedRandomStrategy } from './weighted-random.strategy.js';
import { context, ids, picks, sequence, tally, target } from './strategy.fixture.js';

const openai = target('openai', 7);
const azure = target('azure', 3);

describe('weighted_random', () => {
  it('splits 1,000 evenly spread draws exactly 700/300 for weights 7:3', () => {
    const evenly = sequence(...Array.from({ length: 1000 }, (_, i) => i / 1000));
    const result = picks(new WeightedRandomStrategy(), [openai, azure], 1000, context({ random: evenly }));
    expect(tally(result)).toEqual({ openai: 700, azure: 300 });
  });

  it.each([
    [0, 'openai'],
    [0.69, 'openai'],
    [0.7, 'azure'],
    [0.999, 'azure'],
    [1, 'azure'],
  ])('maps random %s to %s', (value, expected) => {
    const order = new WeightedRandomStrategy().order([openai, azure], context({ random: () => value }));
    expect(order[0]!.id).toBe(expected);
    expect(order).toHaveLength(2);
  });

  it('orders the rest by further weighted draws without replacement', () => {
    const candidates = [target('a', 1), target('b', 1), target('c', 2)];
    // 0.9 of 4 → c; then 0.1 of {a, b} → a; b is left.
    expect(
      ids(new WeightedRandomStrategy().order(candidates, context({ random: sequence(0.9, 0.1) }))),
    ).toEqual(['c', 'a', 'b']);
  });

  it('never picks a weight-0 target first and asks for no draw it does not need', () => {
    let draws = 0;
    const random = () => {
      draws++;
      return 0;
    };
    const order = new WeightedRandomStrategy().order([target('zero', 0), openai], context({ random }));
    expect(ids(order)).toEqual(['openai', 'zero']);
    expect(draws).toBe(0);
  });
});
