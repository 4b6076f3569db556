import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '@kt/providers';
import { clampLeaseAmount, MAX_LEASE_MICRO_USD } from './lease.bounds.js';
import { chatUsageBound, embeddingsUsageBound, maxAttemptCost } from './usage.bound.js';

const PRICED = {
  vendor: 'openai',
  model: 'unlisted-model',
  pricing: { inputMicroUsdPerMillion: 1_000_000n, outputMicroUsdPerMillion: 2_000_000n },
};

describe('usage bounds', () => {
  it.each([
    ['max_tokens', { max_tokens: 100 }, 100],
    ['max_completion_tokens over max_tokens', { max_tokens: 100, max_completion_tokens: 50 }, 50],
    ['max_tokens times n choices', { max_tokens: 100, n: 3 }, 300],
    ['no cap as null', {}, null],
  ])('output is bounded by %s', (_name, fields, output) => {
    const chat = { model: 'm', messages: [{ role: 'user', content: 'hi' }], ...fields } as ChatRequest;
    expect(chatUsageBound(chat).outputTokens).toBe(output);
  });

  it('bounds input by the request’s UTF-8 bytes, never below the 4-bytes-a-token rule', () => {
    const text = 'héllo wörld, ünïcode';
    const chat = { model: 'm', messages: [{ role: 'user', content: text }] } as ChatRequest;
    const bound = chatUsageBound(chat).inputTokens;
    expect(bound).toBe(Buffer.byteLength(JSON.stringify(chat)));
    expect(bound).toBeGreaterThan(Math.ceil(Buffer.byteLength(text) / 4));
  });

  it('bills embeddings for input only', () => {
    expect(embeddingsUsageBound({ model: 'e', input: ['ab', 'c'] })).toEqual({
      inputTokens: 10,
      outputTokens: 0,
    });
  });

  it.each([
    ['input and output at their rates, rounded up', { inputTokens: 1, outputTokens: 1 }, 3n],
    ['the default cap when none was given', { inputTokens: 0, outputTokens: null }, 20n],
    ['a million tokens each', { inputTokens: 1_000_000, outputTokens: 1_000_000 }, 3_000_000n],
  ])('costs %s', (_name, bound, cost) => {
    expect(maxAttemptCost(PRICED, bound, 10)).toBe(cost);
  });

  it('uses the dearest rate of a tiered price', () => {
    const tiered = {
      ...PRICED,
      pricing: {
        ...PRICED.pricing,
        cacheWriteMicroUsdPerMillion: 3_000_000n,
        tiers: [
          { aboveInputTokens: 10, inputMicroUsdPerMillion: 2_000_000n, outputMicroUsdPerMillion: 5_000_000n },
        ],
      },
    };
    expect(maxAttemptCost(tiered, { inputTokens: 1_000_000, outputTokens: 1_000_000 }, 0)).toBe(8_000_000n);
  });

  it('costs nothing for a target nobody prices', () => {
    expect(maxAttemptCost({ vendor: 'x', model: 'y' }, { inputTokens: 5, outputTokens: 5 }, 10)).toBe(0n);
  });

  it.each([
    ['max_tokens: 1e17', { inputTokens: 10, outputTokens: 1e17 }, MAX_LEASE_MICRO_USD],
    ['a non-integer n times max_tokens', { inputTokens: 0, outputTokens: 1.5 }, 4n],
    ['an infinite count', { inputTokens: Infinity, outputTokens: 1 }, MAX_LEASE_MICRO_USD],
    ['a NaN count', { inputTokens: 1, outputTokens: NaN }, MAX_LEASE_MICRO_USD],
    ['a negative count', { inputTokens: -5, outputTokens: 1 }, 2n],
  ])('clamps a client-inflated bound (%s) instead of overflowing or throwing', (_name, bound, cost) => {
    expect(maxAttemptCost(PRICED, bound, 10)).toBe(cost);
  });
});

describe('clampLeaseAmount', () => {
  it.each([
    [-1n, 0n],
    [0n, 0n],
    [123n, 123n],
    [MAX_LEASE_MICRO_USD, MAX_LEASE_MICRO_USD],
    [10n ** 20n, MAX_LEASE_MICRO_USD],
  ])('bounds %s to %s', (amount, clamped) => {
    expect(clampLeaseAmount(amount)).toBe(clamped);
  });

  it('stays within the 18 digits the ledger accepts', () => {
    expect(MAX_LEASE_MICRO_USD.toString().length).toBeLessThanOrEqual(18);
  });
});
