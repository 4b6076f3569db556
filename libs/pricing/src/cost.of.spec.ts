import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costOf, dearestRates } from './cost.of.js';
import type { ModelPrice } from './price.types.js';

const TIERED: ModelPrice = {
  inputMicroUsdPerMillion: 3_000_000n,
  outputMicroUsdPerMillion: 15_000_000n,
  cachedInputMicroUsdPerMillion: 300_000n,
  cacheWriteMicroUsdPerMillion: 3_750_000n,
  cacheWrite1hMicroUsdPerMillion: 6_000_000n,
  tiers: [
    { aboveInputTokens: 200_000, inputMicroUsdPerMillion: 6_000_000n, outputMicroUsdPerMillion: 22_500_000n },
  ],
};

describe('costOf over the catalog key model', () => {
  it('bills 1-hour cache writes at their own rate and the rest of the writes at the 5-minute rate', () => {
    const usage = {
      inputTokens: 10_000,
      outputTokens: 0,
      cacheWriteInputTokens: 6_000,
      cacheWrite1hInputTokens: 2_000,
    };
    // 4,000 × 3 + 4,000 × 3.75 + 2,000 × 6 = 12,000 + 15,000 + 12,000 pico… micro-USD × 10^-6 per token
    expect(costOf(usage, TIERED)).toBe(39_000n);
  });

  it('is a cliff: one token over the tier prices every token at the tier rate, named rates only', () => {
    const at = costOf({ inputTokens: 200_000, outputTokens: 1_000, cachedInputTokens: 100_000 }, TIERED);
    const over = costOf({ inputTokens: 200_001, outputTokens: 1_000, cachedInputTokens: 100_000 }, TIERED);
    expect(at).toBe(300_000n + 30_000n + 15_000n);
    // The tier names no cache-read rate, so cached tokens stay at 0.30.
    expect(over).toBe(600_006n + 30_000n + 22_500n);
  });

  it('bills reasoning at its own rate where the price has one, else as output', () => {
    const usage = { inputTokens: 0, outputTokens: 1_000, reasoningTokens: 400 };
    expect(costOf(usage, { inputMicroUsdPerMillion: 0n, outputMicroUsdPerMillion: 1_000_000n })).toBe(1_000n);
    expect(
      costOf(usage, {
        inputMicroUsdPerMillion: 0n,
        outputMicroUsdPerMillion: 1_000_000n,
        reasoningMicroUsdPerMillion: 2_000_000n,
      }),
    ).toBe(1_400n);
  });

  it('adds a per-request fee to an attempt that used tokens, never to one that did not', () => {
    // $12 per 1,000 requests = 12,000 micro-USD per request.
    const price = {
      inputMicroUsdPerMillion: 1_000_000n,
      outputMicroUsdPerMillion: 1_000_000n,
      requestMicroUsdPerMillion: 12_000_000_000n,
    };
    expect(costOf({ inputTokens: 10, outputTokens: 10 }, price)).toBe(12_020n);
    expect(costOf({ inputTokens: 0, outputTokens: 0 }, price)).toBe(0n);
  });

  it('refuses parts larger than their whole', () => {
    expect(() =>
      costOf(
        { inputTokens: 10, outputTokens: 0, cacheWriteInputTokens: 1, cacheWrite1hInputTokens: 2 },
        TIERED,
      ),
    ).toThrow(RangeError);
    expect(() => costOf({ inputTokens: 0, outputTokens: 1, reasoningTokens: 2 }, TIERED)).toThrow(RangeError);
  });

  it('gives a reservation the dearest rate of every kind', () => {
    expect(dearestRates(TIERED)).toEqual({ input: 6_000_000n, output: 22_500_000n, request: 0n });
  });
});

describe('costOf is exact (property)', () => {
  const count = fc.bigInt({ min: 0n, max: 10n ** 12n });
  const rate = fc.bigInt({ min: 0n, max: 10n ** 9n });

  it('equals Σ tokens × rate / 10^6 rounded half up, never negative, never throwing', () => {
    fc.assert(
      fc.property(
        fc.record({
          plain: count,
          cached: count,
          written: count,
          written1h: count,
          output: count,
          reasoning: count,
        }),
        fc.record({
          input: rate,
          output: rate,
          cached: rate,
          write: rate,
          write1h: rate,
          reasoning: rate,
          request: rate,
        }),
        (t, r) => {
          const usage = {
            inputTokens: t.plain + t.cached + t.written + t.written1h,
            outputTokens: t.output + t.reasoning,
            cachedInputTokens: t.cached,
            cacheWriteInputTokens: t.written + t.written1h,
            cacheWrite1hInputTokens: t.written1h,
            reasoningTokens: t.reasoning,
          };
          const price: ModelPrice = {
            inputMicroUsdPerMillion: r.input,
            outputMicroUsdPerMillion: r.output,
            cachedInputMicroUsdPerMillion: r.cached,
            cacheWriteMicroUsdPerMillion: r.write,
            cacheWrite1hMicroUsdPerMillion: r.write1h,
            reasoningMicroUsdPerMillion: r.reasoning,
            requestMicroUsdPerMillion: r.request,
          };
          const used = usage.inputTokens + usage.outputTokens > 0n;
          const exact =
            t.plain * r.input +
            t.cached * r.cached +
            t.written * r.write +
            t.written1h * r.write1h +
            t.output * r.output +
            t.reasoning * r.reasoning +
            (used ? r.request : 0n);
          // Half up: the remainder of exact / 10^6 decides; ≥ half rounds up.
          const expected = exact / 1_000_000n + (exact % 1_000_000n >= 500_000n ? 1n : 0n);
          const cost = costOf(usage, price);
          expect(cost).toBe(expected);
          expect(cost >= 0n).toBe(true);
        },
      ),
    );
  });
});
