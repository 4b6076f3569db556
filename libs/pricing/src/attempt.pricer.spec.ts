import { describe, expect, it } from 'vitest';
import { priceAttempt, type AttemptPricingInput } from './attempt.pricer.js';
import { liveCatalog } from './catalog.source.js';
import { costOf } from './cost.of.js';
import type { ModelPrice, TokenUsage } from './price.types.js';

const usage = (
  inputTokens: number | bigint,
  outputTokens: number | bigint,
  extra: Partial<TokenUsage> = {},
): TokenUsage => ({
  inputTokens,
  outputTokens,
  ...extra,
});
const price = (input: bigint, output: bigint): ModelPrice => ({
  inputMicroUsdPerMillion: input,
  outputMicroUsdPerMillion: output,
});

const catalog = (vendor: string, upstreamModel: string, u: TokenUsage): AttemptPricingInput => ({
  vendor,
  upstreamModel,
  usage: u,
});

describe('priceAttempt from the catalog', () => {
  it.each([
    ['gpt-4o, 1,000 in / 500 out', catalog('openai', 'gpt-4o', usage(1_000, 500)), 7_500n],
    ['gpt-4o on Azure, same price', catalog('azure', 'gpt-4o', usage(1_000, 500)), 7_500n],
    [
      'gpt-4o-mini, 1,234 in / 567 out (525.3 → 525)',
      catalog('openai', 'gpt-4o-mini', usage(1_234, 567)),
      525n,
    ],
    [
      'claude-3-5-sonnet-20241022, 10,000 in / 2,000 out',
      catalog('anthropic', 'claude-3-5-sonnet-20241022', usage(10_000, 2_000)),
      60_000n,
    ],
    [
      'text-embedding-3-small, 1,000,000 in',
      catalog('openai', 'text-embedding-3-small', usage(1_000_000, 0)),
      20_000n,
    ],
    [
      'gpt-4o-mini with 8,000 of 10,000 input tokens cached',
      catalog('openai', 'gpt-4o-mini', usage(10_000, 100, { cachedInputTokens: 8_000 })),
      960n,
    ],
    [
      'claude-3-5-haiku with cache reads and cache writes',
      catalog(
        'anthropic',
        'claude-3-5-haiku-20241022',
        usage(10_000, 1_000, { cachedInputTokens: 4_000, cacheWriteInputTokens: 5_000 }),
      ),
      10_120n,
    ],
    [
      'claude-sonnet-4-5 at exactly 200K input: standard rates',
      catalog('anthropic', 'claude-sonnet-4-5-20250929', usage(200_000, 1_000)),
      615_000n,
    ],
    [
      'claude-sonnet-4-5 over 200K input: long-context rates on everything (a cliff)',
      catalog('anthropic', 'claude-sonnet-4-5-20250929', usage(200_001, 1_000)),
      1_222_506n,
    ],
    ['no tokens', catalog('openai', 'gpt-4o', usage(0, 0)), 0n],
  ])('prices %s exactly', (_name, input, expected) => {
    expect(priceAttempt(input)).toEqual({
      microUsd: expected,
      pricedBy: 'catalog',
      catalog: { name: '@pydantic/genai-prices', version: '0.1.8' },
    });
  });

  it('stays exact beyond 2^53 micro-USD: 2^53-1 gpt-4o input tokens', () => {
    const result = priceAttempt(catalog('openai', 'gpt-4o', usage(Number.MAX_SAFE_INTEGER, 0)));
    // 9,007,199,254,740,991 × 2.5 = 22,517,998,136,852,477.5 → half up
    expect(result.microUsd).toBe(22_517_998_136_852_478n);
    expect(result.microUsd > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
  });

  it('accepts bigint token counts beyond 2^53', () => {
    expect(costOf(usage(2n ** 64n, 0n), price(1_000_000n, 0n))).toBe(18_446_744_073_709_551_616n);
  });
});

describe('priceAttempt source order', () => {
  const base = { vendor: 'openai', upstreamModel: 'gpt-4o', usage: usage(1_000, 500) };

  it.each<[string, AttemptPricingInput, bigint, string]>([
    [
      'provider-reported cost wins over pack and catalog',
      { ...base, pricing: price(1n, 1n), providerReportedCostMicroUsd: 4_242n },
      4_242n,
      'provider',
    ],
    ['a provider-reported zero still wins', { ...base, providerReportedCostMicroUsd: 0n }, 0n, 'provider'],
    [
      'the pack price wins over the catalog',
      { ...base, pricing: price(1_000_000n, 2_000_000n) },
      2_000n,
      'pack',
    ],
    ['the catalog prices what the pack does not', base, 7_500n, 'catalog'],
    ['an unknown model is unpriced at zero', { ...base, upstreamModel: 'gpt-4o-2024-99-99' }, 0n, 'unpriced'],
    ['an unknown vendor is unpriced at zero', { ...base, vendor: 'openai-compatible' }, 0n, 'unpriced'],
    [
      'an Azure deployment name is unpriced',
      { ...base, vendor: 'azure', upstreamModel: 'gpt-5.4-mini-mini' },
      0n,
      'unpriced',
    ],
    [
      'an Azure deployment with base_model is priced as the OpenAI model (0.75 / 4.50 per 1M)',
      { ...base, vendor: 'azure', upstreamModel: 'gpt-5.4-mini-mini', baseModel: 'gpt-5.4-mini' },
      3_000n,
      'catalog',
    ],
    [
      'an OpenAI-compatible host with an aws/ base_model is priced as the Bedrock model',
      {
        ...base,
        vendor: 'openai-compatible',
        upstreamModel: 'claude',
        baseModel: 'aws/us.anthropic.claude-sonnet-4-20250514-v1:0',
      },
      10_500n,
      'catalog',
    ],
    [
      'a dated price at the attempt time: o3 before its cut',
      { ...base, upstreamModel: 'o3', at: new Date('2025-06-01T00:00:00Z') },
      30_000n,
      'catalog',
    ],
    [
      'a dated price at the attempt time: o3 after its cut',
      { ...base, upstreamModel: 'o3', at: new Date('2025-07-01T00:00:00Z') },
      6_000n,
      'catalog',
    ],
  ])('%s', (_name, input, microUsd, pricedBy) => {
    const result = priceAttempt(input);
    expect(result).toMatchObject({ microUsd, pricedBy });
    expect(result.catalog?.version).toBe(pricedBy === 'catalog' ? liveCatalog().version : undefined);
  });
});

describe('costOf rounding', () => {
  it.each([
    ['half a micro-USD rounds up', usage(1, 0), price(500_000n, 0n), 1n],
    ['just under half rounds down', usage(1, 0), price(499_999n, 0n), 0n],
    ['rounds the attempt total, not each token (3 × 0.5 → 2, not 3)', usage(3, 0), price(500_000n, 0n), 2n],
    ['sums input and output before rounding (0.4 + 0.4 → 1)', usage(1, 1), price(400_000n, 400_000n), 1n],
    [
      'cached tokens at the input rate when no cache rate is known',
      usage(10, 0, { cachedInputTokens: 10 }),
      price(1_000_000n, 0n),
      10n,
    ],
    ['whole micro-USD need no rounding', usage(2, 3), price(1_000_000n, 2_000_000n), 8n],
  ])('%s', (_name, u, p, expected) => {
    expect(costOf(u, p)).toBe(expected);
  });

  it('prices a million tokens at exactly the per-million rate', () => {
    expect(costOf(usage(1_000_000, 1_000_000), price(2_500_000n, 10_000_000n))).toBe(12_500_000n);
  });

  it.each([
    ['negative input', usage(-1, 0)],
    ['fractional output', usage(1, 0.5)],
    ['NaN', usage(Number.NaN, 0)],
    ['an unsafe integer', usage(2 ** 60, 0)],
    ['negative bigint', usage(-1n, 0n)],
    ['more cached tokens than input tokens', usage(10, 0, { cachedInputTokens: 11 })],
    [
      'cache reads and writes exceeding input',
      usage(10, 0, { cachedInputTokens: 6, cacheWriteInputTokens: 5 }),
    ],
  ])('refuses %s', (_name, u) => {
    expect(() => costOf(u, price(1n, 1n))).toThrow(RangeError);
  });
});
