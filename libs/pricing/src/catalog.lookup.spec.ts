import { describe, expect, it } from 'vitest';
import { catalogPrice } from './catalog.lookup.js';
import { CATALOG_VERSION, PRICE_CATALOG } from './price.catalog.js';

describe('price catalog', () => {
  it('carries a dated version', () => {
    expect(CATALOG_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each([
    ['openai', 'gpt-4o', 2_500_000n, 10_000_000n],
    ['azure', 'gpt-4o', 2_500_000n, 10_000_000n],
    ['openai', 'gpt-4o-mini', 150_000n, 600_000n],
    ['openai', 'gpt-4.1', 2_000_000n, 8_000_000n],
    ['openai', 'gpt-4.1-mini', 400_000n, 1_600_000n],
    ['openai', 'gpt-4.1-nano', 100_000n, 400_000n],
    ['openai', 'gpt-5', 1_250_000n, 10_000_000n],
    ['openai', 'gpt-5-mini', 250_000n, 2_000_000n],
    ['openai', 'gpt-5-nano', 50_000n, 400_000n],
    ['openai', 'gpt-5.4-mini', 750_000n, 4_500_000n],
    ['openai', 'o3', 2_000_000n, 8_000_000n],
    ['openai', 'o4-mini', 1_100_000n, 4_400_000n],
    ['openai', 'text-embedding-3-small', 20_000n, 0n],
    ['openai', 'text-embedding-3-large', 130_000n, 0n],
    ['anthropic', 'claude-3-5-sonnet-20241022', 3_000_000n, 15_000_000n],
    ['anthropic', 'claude-3-5-haiku-20241022', 800_000n, 4_000_000n],
    ['anthropic', 'claude-3-7-sonnet-20250219', 3_000_000n, 15_000_000n],
    ['anthropic', 'claude-sonnet-4-20250514', 3_000_000n, 15_000_000n],
    ['anthropic', 'claude-opus-4-20250514', 15_000_000n, 75_000_000n],
    ['anthropic', 'claude-opus-4-5-20251101', 5_000_000n, 25_000_000n],
  ])('lists %s %s at %s / %s micro-USD per million', (vendor, model, input, output) => {
    expect(catalogPrice(vendor, model)).toMatchObject({
      inputMicroUsdPerMillion: input,
      outputMicroUsdPerMillion: output,
    });
  });

  it.each([
    ['openai', 'gpt-4o-2024-08-06', 'gpt-4o'],
    ['azure', 'gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
    ['openai', 'gpt-5-2025-08-07', 'gpt-5'],
    ['anthropic', 'claude-3-5-sonnet-latest', 'claude-3-5-sonnet-20241022'],
    ['anthropic', 'claude-sonnet-4-0', 'claude-sonnet-4-20250514'],
  ])('prices the listed alias %s %s as %s', (vendor, alias, model) => {
    expect(catalogPrice(vendor, alias)).toBe(catalogPrice(vendor, model));
  });

  it.each([
    ['openai', 'gpt-4o-2024-99-99', 'an unlisted dated snapshot'],
    ['openai', 'GPT-4O', 'another spelling'],
    ['openai', 'gpt-4o-mini-2025', 'a prefix of a known model'],
    ['azure', 'gpt-5.4-mini-mini', 'an Azure deployment name'],
    ['anthropic', 'claude-sonnet-4', 'a family name without a version'],
    ['anthropic', 'gpt-4o', 'a model of another vendor'],
    ['openai', 'claude-3-5-sonnet-20241022', 'a model of another vendor'],
    ['openai-compatible', 'gpt-4o', 'a self-hosted server'],
  ])('does not guess a price for %s %s (%s)', (vendor, model) => {
    expect(catalogPrice(vendor, model)).toBeUndefined();
  });

  it('keeps gpt-4o-2024-05-13 at its own, higher price', () => {
    expect(catalogPrice('openai', 'gpt-4o-2024-05-13')).toEqual({
      inputMicroUsdPerMillion: 5_000_000n,
      outputMicroUsdPerMillion: 15_000_000n,
    });
  });

  it('prices every entry under every vendor it names, with cache rates below the input rate', () => {
    for (const entry of PRICE_CATALOG) {
      for (const vendor of entry.vendors) {
        const price = catalogPrice(vendor, entry.model)!;
        expect(price.outputMicroUsdPerMillion >= 0n).toBe(true);
        if (price.cachedInputMicroUsdPerMillion !== undefined) {
          expect(price.cachedInputMicroUsdPerMillion < price.inputMicroUsdPerMillion, entry.model).toBe(true);
        }
      }
    }
  });
});
