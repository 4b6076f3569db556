import { describe, expect, it } from 'vitest';
import { unpricedPackTargets, unpricedTargets } from './unpriced.targets.js';

const seed = [
  { id: 'openai-main', vendor: 'openai', model: 'gpt-5.4-mini' },
  { id: 'azure-secondary', vendor: 'azure', model: 'gpt-5.4-mini-mini' },
  { id: 'anthropic-last-resort', vendor: 'anthropic', model: 'claude-3-5-sonnet-20241022' },
];

describe('unpricedTargets', () => {
  it("flags the seed's Azure deployment and names the fields that fix it", () => {
    expect(unpricedTargets(seed)).toEqual([
      {
        targetId: 'azure-secondary',
        path: 'providers.targets[1]',
        message:
          'no price for azure "gpt-5.4-mini-mini"; set providers.targets[1].base_model to the model the deployment runs, or providers.targets[1].pricing',
        text: 'providers.targets[1] (azure-secondary): no price for azure "gpt-5.4-mini-mini"; set providers.targets[1].base_model to the model the deployment runs, or providers.targets[1].pricing',
      },
    ]);
  });

  it('is quiet once the deployment names its base model, has pack pricing, or the pack a fallback rate', () => {
    const rate = { inputMicroUsdPerMillion: 1n, outputMicroUsdPerMillion: 1n };
    expect(unpricedTargets([{ ...seed[1]!, baseModel: 'gpt-5.4-mini' }])).toEqual([]);
    expect(unpricedTargets([{ ...seed[1]!, pricing: rate }])).toEqual([]);
    expect(unpricedTargets([seed[1]!], { fallbackPricing: rate })).toEqual([]);
  });

  it('says when a base_model is not in the catalog, and how an openai-compatible host names one', () => {
    const [wrong, local] = unpricedTargets([
      { id: 'az', vendor: 'azure', model: 'dep', baseModel: 'gpt-5.4-mini-mini' },
      { id: 'llama', vendor: 'openai-compatible', model: 'llama3:8b' },
    ]);
    expect(wrong?.message).toBe(
      'no price for azure "dep": base_model "gpt-5.4-mini-mini" is not in @pydantic/genai-prices 0.1.8; correct providers.targets[0].base_model to a model the catalog lists, or set providers.targets[0].pricing',
    );
    expect(local?.message).toContain('set providers.targets[1].base_model to "<catalog provider>/<model>"');
  });

  it('reads a whole pack: its pricing.fallback_rate covers every target nothing else prices', () => {
    const rate = { inputMicroUsdPerMillion: 5_000_000n, outputMicroUsdPerMillion: 15_000_000n };
    expect(unpricedPackTargets({ targets: seed, pricing: {} }).map((t) => t.targetId)).toEqual([
      'azure-secondary',
    ]);
    expect(unpricedPackTargets({ targets: seed, pricing: { fallbackRate: rate } })).toEqual([]);
  });
});
