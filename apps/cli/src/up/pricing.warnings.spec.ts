import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pricingLines } from './pricing.warnings.js';

const seed = fileURLToPath(new URL('../../../../packs/multi-provider-core.yaml', import.meta.url));

describe('kt up pricing lines', () => {
  it("name the live catalog and warn for the seed's unpriced Azure deployment", async () => {
    expect(await pricingLines(seed, {})).toEqual([
      '  prices         @pydantic/genai-prices 0.1.8',
      'warning: providers.targets[1] (azure-secondary): no price for azure "gpt-5.4-mini-mini"; set providers.targets[1].base_model to the model the deployment runs, or providers.targets[1].pricing',
    ]);
  });

  it('say when KT_PRICES_FILE cannot be used', async () => {
    expect(await pricingLines(seed, { KT_PRICES_FILE: '/no/such/prices.json' })).toEqual([
      'warning: KT_PRICES_FILE: cannot read the prices file (ENOENT)',
    ]);
  });
});
