import { describe, expect, it } from 'vitest';
import { cappedUsage, priceTargetAttempt } from './target-attempt.pricer.js';

const at = new Date('2026-06-01T00:00:00Z');
const rate = (input: bigint, output: bigint) => ({
  inputMicroUsdPerMillion: input * 1_000_000n,
  outputMicroUsdPerMillion: output * 1_000_000n,
});

describe('priceTargetAttempt', () => {
  it('prices claude-opus-4-5 1-hour cache writes at the 1-hour rate', () => {
    // 10 uncached × $5 + 400 5-minute writes × $6.25 + 600 1-hour writes × $10 + 100 out × $25 (per 1M).
    const price = priceTargetAttempt({
      target: { vendor: 'anthropic', model: 'claude-opus-4-5' },
      usage: { inputTokens: 1_010, outputTokens: 100, cacheWriteTokens: 1_000, cacheWrite1hTokens: 600 },
      at,
    });
    expect(price).toMatchObject({ microUsd: 11_050n, pricedBy: 'catalog' });
  });

  it('bills reasoning tokens at the reasoning rate the pack states', () => {
    const price = priceTargetAttempt({
      target: {
        vendor: 'openai',
        model: 'o3',
        pricing: { ...rate(1n, 2n), reasoningMicroUsdPerMillion: 10_000_000n },
      },
      usage: { inputTokens: 100, outputTokens: 50, reasoningTokens: 40 },
      at,
    });
    // 100 × 1 + 10 × 2 + 40 × 10 micro-USD
    expect(price).toEqual({ microUsd: 520n, pricedBy: 'pack' });
  });

  it('books the pack fallback rate for a target nothing else prices, as the gateway does', () => {
    const price = priceTargetAttempt({
      target: { vendor: 'openai-compatible', model: 'llama-local' },
      packPricing: { fallbackRate: rate(5n, 15n) },
      usage: { inputTokens: 1_000, outputTokens: 100 },
      at,
    });
    expect(price).toEqual({ microUsd: 6_500n, pricedBy: 'pack' });
  });

  it('prices the target model, never the one the upstream reports: an Azure deployment without base_model is unpriced', () => {
    const price = priceTargetAttempt({
      target: { vendor: 'azure', model: 'prod-chat-deployment' },
      usage: { inputTokens: 1_000, outputTokens: 500 },
      at,
    });
    expect(price).toEqual({ microUsd: 0n, pricedBy: 'unpriced' });
  });

  it('prices an Azure deployment as its base_model', () => {
    const price = priceTargetAttempt({
      target: { vendor: 'azure', model: 'prod-chat-deployment', baseModel: 'gpt-4o' },
      usage: { inputTokens: 1_000, outputTokens: 500 },
      at,
    });
    expect(price).toMatchObject({ microUsd: 7_500n, pricedBy: 'catalog' });
  });

  it.each([
    ['cache reads above the input', { inputTokens: 100, outputTokens: 10, cacheReadTokens: 1_000 }],
    ['a count past 2^53', { inputTokens: 100, outputTokens: 1e20 }],
    ['a negative count', { inputTokens: -5, outputTokens: 10 }],
    [
      'reads and writes above the input',
      { inputTokens: 100, outputTokens: 10, cacheReadTokens: 60, cacheWriteTokens: 60 },
    ],
  ])('never throws for %s: prices the capped usage as an estimate', (_name, usage) => {
    const price = priceTargetAttempt({ target: { vendor: 'openai', model: 'gpt-4o' }, usage, at });
    expect(price.pricedBy).toBe('estimate');
    expect(price.capped).toBe(true);
    expect(price.microUsd).toBeGreaterThanOrEqual(0n);
  });
});

describe('cappedUsage', () => {
  it('keeps the input whole and caps its parts in order: reads, then writes', () => {
    expect(
      cappedUsage({
        inputTokens: 100,
        outputTokens: 10,
        cacheReadTokens: 60,
        cacheWriteTokens: 60,
        cacheWrite1hTokens: 90,
        reasoningTokens: 20,
      }),
    ).toEqual({
      inputTokens: 100n,
      outputTokens: 10n,
      cachedInputTokens: 60n,
      cacheWriteInputTokens: 40n,
      cacheWrite1hInputTokens: 40n,
      reasoningTokens: 10n,
    });
  });
});
