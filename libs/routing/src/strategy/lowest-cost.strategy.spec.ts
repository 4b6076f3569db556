import { describe, expect, it } from 'vitest';
import { LowestCostStrategy } from './lowest-cost.strategy.js';
import { context, ids, target } from './strategy.fixture.js';

const price = (input: bigint, output: bigint) => ({
  inputMicroUsdPerMillion: input,
  outputMicroUsdPerMillion: output,
});

describe('lowest_cost', () => {
  it.each([
    [
      'cheapest blended price first',
      [
        target('gpt-4o', 1, price(2_500_000n, 10_000_000n)),
        target('mini', 1, price(150_000n, 600_000n)),
        target('sonnet', 1, price(3_000_000n, 15_000_000n)),
      ],
      ['mini', 'gpt-4o', 'sonnet'],
    ],
    [
      'unpriced targets last, in pack order',
      [target('free?'), target('priced', 1, price(5_000_000n, 25_000_000n)), target('unknown')],
      ['priced', 'free?', 'unknown'],
    ],
    [
      'equal prices keep pack order',
      [target('x', 1, price(1n, 3n)), target('y', 1, price(2n, 2n))],
      ['x', 'y'],
    ],
  ])('%s', (_name, candidates, expected) => {
    expect(ids(new LowestCostStrategy().order(candidates, context()))).toEqual(expected);
  });

  it('uses the price the caller supplies (e.g. the catalog) for targets without pack pricing', () => {
    const candidates = [target('azure', 1, price(2_500_000n, 10_000_000n)), target('anthropic')];
    const ctx = context({ priceOf: (t) => (t.id === 'anthropic' ? price(800_000n, 4_000_000n) : undefined) });
    expect(ids(new LowestCostStrategy().order(candidates, ctx))).toEqual(['anthropic', 'azure']);
  });

  it('compares prices beyond 2^53 exactly', () => {
    const big = 2n ** 60n;
    const candidates = [target('a', 1, price(big + 1n, 0n)), target('b', 1, price(big, 0n))];
    expect(ids(new LowestCostStrategy().order(candidates, context()))).toEqual(['b', 'a']);
  });
});
