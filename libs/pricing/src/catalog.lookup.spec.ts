import type { Provider } from '@pydantic/genai-prices';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogPrice } from './catalog.lookup.js';
import { liveCatalog, useBundledCatalog, useCatalogProviders } from './catalog.source.js';

const NOW = new Date('2026-12-01T00:00:00Z');
const rates = (vendor: string, model: string, at = NOW) => catalogPrice(vendor, model, at)?.price;

describe('the bundled @pydantic/genai-prices catalog', () => {
  it('names the installed package and its version', () => {
    expect(liveCatalog()).toEqual({ name: '@pydantic/genai-prices', version: '0.1.8' });
  });

  it.each([
    ['openai', 'gpt-5.4-mini', 750_000n, 4_500_000n, 75_000n],
    ['azure', 'gpt-5.4-mini', 750_000n, 4_500_000n, 75_000n],
    ['openai', 'gpt-4o', 2_500_000n, 10_000_000n, 1_250_000n],
    ['openai', 'gpt-4o-mini', 150_000n, 600_000n, 75_000n],
    ['openai', 'gpt-4o-2024-05-13', 5_000_000n, 15_000_000n, undefined],
    ['openai', 'text-embedding-3-small', 20_000n, 0n, undefined],
  ])(
    'prices %s %s at %s in / %s out / %s cached per million micro-USD',
    (vendor, model, input, output, cached) => {
      const price = rates(vendor, model);
      expect(price?.inputMicroUsdPerMillion).toBe(input);
      expect(price?.outputMicroUsdPerMillion).toBe(output);
      expect(price?.cachedInputMicroUsdPerMillion).toBe(cached);
    },
  );

  it('prices Anthropic cache reads, 5-minute and 1-hour cache writes', () => {
    expect(rates('anthropic', 'claude-3-5-haiku-20241022')).toEqual({
      inputMicroUsdPerMillion: 800_000n,
      outputMicroUsdPerMillion: 4_000_000n,
      cachedInputMicroUsdPerMillion: 80_000n,
      cacheWriteMicroUsdPerMillion: 1_000_000n,
      cacheWrite1hMicroUsdPerMillion: 1_600_000n,
    });
  });

  it('keeps a tiered rate as a tier above 200K input tokens', () => {
    expect(rates('anthropic', 'claude-sonnet-4-5-20250929')?.tiers).toEqual([
      {
        aboveInputTokens: 200_000,
        inputMicroUsdPerMillion: 6_000_000n,
        outputMicroUsdPerMillion: 22_500_000n,
        cachedInputMicroUsdPerMillion: 600_000n,
        cacheWriteMicroUsdPerMillion: 7_500_000n,
        cacheWrite1hMicroUsdPerMillion: 12_000_000n,
      },
    ]);
  });

  it('resolves a dated price at the time asked: o3 before and after its 2025-06-10 cut', () => {
    expect(rates('openai', 'o3', new Date('2025-06-09T23:59:59Z'))).toMatchObject({
      inputMicroUsdPerMillion: 10_000_000n,
      outputMicroUsdPerMillion: 40_000_000n,
    });
    expect(rates('openai', 'o3', new Date('2025-06-10T00:00:00Z'))).toMatchObject({
      inputMicroUsdPerMillion: 2_000_000n,
      outputMicroUsdPerMillion: 8_000_000n,
    });
  });

  it.each([
    ['openai', 'gpt-4o-2024-08-06', 'gpt-4o'],
    ['openai', 'gpt-4o-20240806', 'gpt-4o'],
    ['azure', 'gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
    ['anthropic', 'claude-3-5-sonnet-20241022', 'claude-3-5-sonnet'],
    ['anthropic', 'claude-3-5-sonnet-latest', 'claude-3-5-sonnet'],
    ['anthropic', 'claude-sonnet-4-20250514', 'claude-sonnet-4-0'],
    ['anthropic', 'claude-sonnet-4@20250514', 'claude-sonnet-4-0'],
    [
      'openai-compatible',
      'aws/us.anthropic.claude-sonnet-4-20250514-v1:0',
      'regional.anthropic.claude-sonnet-4-20250514-v1:0',
    ],
    [
      'openai-compatible',
      'aws/anthropic.claude-sonnet-4-20250514-v1:0',
      'regional.anthropic.claude-sonnet-4-20250514-v1:0',
    ],
    ['openai-compatible', 'openai/gpt-4o', 'gpt-4o'],
    ['azure', 'openai/gpt-5.4-mini', 'gpt-5.4-mini'],
  ])('matches the curated id %s %s to %s', (vendor, model, catalogModel) => {
    expect(catalogPrice(vendor, model, NOW)?.modelId).toBe(catalogModel);
  });

  it.each([
    ['openai', 'gpt-4o-2024-99-99', 'an impossible snapshot date'],
    ['openai', 'gpt-4o-2024-05-14', 'an unlisted snapshot'],
    ['openai', 'gpt-4o-mini-2025', 'a prefix of a known model'],
    ['azure', 'gpt-5.4-mini-mini', 'an Azure deployment name'],
    ['openai', 'gpt-5.4-mini-mini', 'a near-name'],
    ['openai', 'gpt-5-nano-experimental', 'a starts_with rule reaching past a version'],
    ['anthropic', 'claude-sonnet-4-5-turbo', 'a starts_with rule reaching past a version'],
    ['anthropic', 'claude-3-5-sonnet-20241399', 'an impossible compact date'],
    ['openai', 'text-moderation-latest', 'a contains rule with a foreign prefix'],
    ['anthropic', 'gpt-4o', 'a model of another vendor'],
    ['openai', 'claude-3-5-sonnet-20241022', 'a model of another vendor'],
    ['openai-compatible', 'gpt-4o', 'a self-hosted server without a provider'],
    ['openai-compatible', 'nosuchprovider/gpt-4o', 'an unknown catalog provider'],
  ])('does not guess a price for %s %s (%s)', (vendor, model) => {
    expect(catalogPrice(vendor, model, NOW)).toBeUndefined();
  });
});

describe('a catalog from provider data (a prices file or fixture)', () => {
  afterEach(() => useBundledCatalog());

  const fixture: Provider[] = [
    {
      id: 'openai',
      name: 'OpenAI',
      api_pattern: '.*',
      models: [
        {
          id: 'sim-model',
          match: { equals: 'sim-model' },
          prices: [
            { prices: { input_mtok: 1, output_mtok: 2 } },
            {
              constraint: { start_date: '2026-01-01', type: 'start_date' },
              prices: { input_mtok: 0.5, output_mtok: 1e-7 },
            },
          ],
        },
      ],
    },
    { id: 'azure', name: 'Azure', api_pattern: '.*', models: [], fallback_model_providers: ['openai'] },
  ];

  it('prices from the fixture, dated, with Azure falling back to OpenAI', () => {
    useCatalogProviders(fixture, { name: 'prices.json', version: 'file:0123456789ab' });
    expect(catalogPrice('azure', 'sim-model', new Date('2025-12-31T23:59:59Z'))).toMatchObject({
      price: { inputMicroUsdPerMillion: 1_000_000n, outputMicroUsdPerMillion: 2_000_000n },
      catalog: { name: 'prices.json', version: 'file:0123456789ab' },
      providerId: 'openai',
    });
    // 1e-7 USD per million is 0.1 pico-USD per token: rounds to 0 micro-USD per million.
    expect(rates('openai', 'sim-model', new Date('2026-01-01T00:00:00Z'))).toEqual({
      inputMicroUsdPerMillion: 500_000n,
      outputMicroUsdPerMillion: 0n,
    });
    expect(catalogPrice('openai', 'gpt-4o', NOW)).toBeUndefined();
  });

  it('goes back to the bundled data', () => {
    useCatalogProviders(fixture, { name: 'prices.json', version: 'file:0123456789ab' });
    useBundledCatalog();
    expect(rates('openai', 'gpt-4o')?.inputMicroUsdPerMillion).toBe(2_500_000n);
  });
});
