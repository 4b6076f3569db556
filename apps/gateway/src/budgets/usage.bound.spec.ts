import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '@kt/providers';
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
        longContext: {
          aboveInputTokens: 10,
          inputMicroUsdPerMillion: 2_000_000n,
          outputMicroUsdPerMillion: 5_000_000n,
        },
      },
    };
    expect(maxAttemptCost(tiered, { inputTokens: 1_000_000, outputTokens: 1_000_000 }, 0)).toBe(8_000_000n);
  });

  it('costs nothing for a target nobody prices', () => {
    expect(maxAttemptCost({ vendor: 'x', model: 'y' }, { inputTokens: 5, outputTokens: 5 }, 10)).toBe(0n);
  });
});
