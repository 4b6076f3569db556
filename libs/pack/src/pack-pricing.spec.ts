import { describe, expect, it } from 'vitest';
import { parsePack } from '@kt/pack';
import { errorsOf, packText } from '../fixtures/pack-text.fixture.js';

function packOf(text: string) {
  const result = parsePack(text, { env: {}, source: 'table.yaml' });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.pack;
}

describe('the pack-wide pricing section', () => {
  it('refuses unpriced traffic under a block budget by default, with no fallback rate', () => {
    expect(packOf(packText()).pricing).toEqual({ unpricedUnderBlockBudget: 'refuse' });
    expect(packOf(packText(['pricing', { unpriced_under_block_budget: 'refuse' }])).pricing).toEqual({
      unpricedUnderBlockBudget: 'refuse',
    });
  });

  it('reserves at the stated fallback rate, in exact micro-USD', () => {
    const text = packText([
      'pricing',
      {
        unpriced_under_block_budget: 'reserve',
        fallback_rate: { input_per_million: 5, output_per_million: 0.15 },
      },
    ]);
    expect(packOf(text).pricing).toEqual({
      unpricedUnderBlockBudget: 'reserve',
      fallbackRate: { inputMicroUsdPerMillion: 5_000_000n, outputMicroUsdPerMillion: 150_000n },
    });
  });

  it.each([
    {
      name: 'reserve without a fallback rate',
      pricing: { unpriced_under_block_budget: 'reserve' },
      errors: [
        { path: 'pricing.fallback_rate', message: expect.stringContaining('required with') as string },
      ],
    },
    {
      name: 'a fallback rate without reserve',
      pricing: { fallback_rate: { input_per_million: 1, output_per_million: 2 } },
      errors: [
        { path: 'pricing.fallback_rate', message: expect.stringContaining('only used with') as string },
      ],
    },
    {
      name: 'a fallback rate of 0 in and 0 out',
      pricing: {
        unpriced_under_block_budget: 'reserve',
        fallback_rate: { input_per_million: 0, output_per_million: 0 },
      },
      errors: [{ path: 'pricing.fallback_rate', message: expect.stringContaining('both 0') as string }],
    },
    {
      name: 'an unknown policy',
      pricing: { unpriced_under_block_budget: 'allow' },
      errors: [
        {
          path: 'pricing.unpriced_under_block_budget',
          message: 'expected one of: refuse, reserve; got "allow"',
        },
      ],
    },
    {
      name: 'an unknown key',
      pricing: { unpriced: 'refuse' },
      errors: [{ path: 'pricing.unpriced', message: expect.stringContaining('unknown key') as string }],
    },
    {
      name: 'an unknown key in the rate',
      pricing: {
        unpriced_under_block_budget: 'reserve',
        fallback_rate: { input_per_million: 1, output_per_million: 2, cached: 1 },
      },
      errors: [
        { path: 'pricing.fallback_rate.cached', message: expect.stringContaining('unknown key') as string },
      ],
    },
    {
      name: 'a rate finer than a micro-dollar',
      pricing: {
        unpriced_under_block_budget: 'reserve',
        fallback_rate: { input_per_million: 0.0000001, output_per_million: 2 },
      },
      errors: [
        {
          path: 'pricing.fallback_rate.input_per_million',
          message: expect.stringContaining('at most 6 decimals') as string,
        },
      ],
    },
    {
      name: 'a missing output rate',
      pricing: { unpriced_under_block_budget: 'reserve', fallback_rate: { input_per_million: 1 } },
      errors: [
        {
          path: 'pricing.fallback_rate.output_per_million',
          message: expect.stringContaining('required') as string,
        },
      ],
    },
  ])('reports $name at its path', ({ pricing, errors }) => {
    expect(errorsOf(packText(['pricing', pricing]))).toEqual(errors);
  });
});
