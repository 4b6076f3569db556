import type { ModelPrice, PriceRates, TokenUsage } from './price.types.js';

const PER_MILLION = 1_000_000n;

/**
 * Integer micro-USD for `usage` at `price`: every kind of token × its rate per million (pico-USD
 * per token), plus the per-request fee when tokens were used, summed exactly as BigInt, then divided
 * by one million once and rounded half up — per attempt, never per token, so many small attempts
 * are not each rounded to zero or up. Throws a RangeError for counts that are negative, not
 * integers, or whose parts exceed their whole.
 */
export function costOf(usage: TokenUsage, price: ModelPrice): bigint {
  const input = tokens(usage.inputTokens);
  const output = tokens(usage.outputTokens);
  const cached = tokens(usage.cachedInputTokens ?? 0);
  const written = tokens(usage.cacheWriteInputTokens ?? 0);
  const written1h = tokens(usage.cacheWrite1hInputTokens ?? 0);
  const reasoning = tokens(usage.reasoningTokens ?? 0);
  if (cached + written > input)
    throw new RangeError('cached and cache-write tokens are part of inputTokens and cannot exceed it');
  if (written1h > written)
    throw new RangeError('1-hour cache-write tokens are part of cacheWriteInputTokens and cannot exceed it');
  if (reasoning > output)
    throw new RangeError('reasoning tokens are part of outputTokens and cannot exceed it');

  const rates = ratesAt(price, input);
  const inputRate = rates.inputMicroUsdPerMillion;
  const writeRate = rates.cacheWriteMicroUsdPerMillion ?? inputRate;
  const outputRate = rates.outputMicroUsdPerMillion;
  const total =
    (input - cached - written) * inputRate +
    cached * (rates.cachedInputMicroUsdPerMillion ?? inputRate) +
    (written - written1h) * writeRate +
    written1h * (rates.cacheWrite1hMicroUsdPerMillion ?? writeRate) +
    (output - reasoning) * outputRate +
    reasoning * (rates.reasoningMicroUsdPerMillion ?? outputRate) +
    (input + output > 0n ? (rates.requestMicroUsdPerMillion ?? 0n) : 0n);
  return roundHalfUp(total, PER_MILLION);
}

/** The rates in force for a request with `input` tokens: each tier exceeded overrides what it names. */
export function ratesAt(price: ModelPrice, input: bigint): PriceRates {
  if (price.tiers === undefined || price.tiers.length === 0) return price;
  let rates: PriceRates = price;
  for (const tier of price.tiers) {
    if (input > BigInt(tier.aboveInputTokens)) rates = { ...rates, ...definedRates(tier) };
  }
  return rates;
}

/**
 * The dearest rate of each kind across the base and every tier: what a reservation must assume
 * before it knows how many tokens a request will use. Input-side rates are folded into one.
 */
export function dearestRates(price: ModelPrice): { input: bigint; output: bigint; request: bigint } {
  let input = 0n;
  let output = 0n;
  let request = 0n;
  for (const rates of [price, ...(price.tiers ?? [])] as Partial<PriceRates>[]) {
    for (const rate of [
      rates.inputMicroUsdPerMillion,
      rates.cachedInputMicroUsdPerMillion,
      rates.cacheWriteMicroUsdPerMillion,
      rates.cacheWrite1hMicroUsdPerMillion,
    ])
      if (rate !== undefined && rate > input) input = rate;
    for (const rate of [rates.outputMicroUsdPerMillion, rates.reasoningMicroUsdPerMillion])
      if (rate !== undefined && rate > output) output = rate;
    if (rates.requestMicroUsdPerMillion !== undefined && rates.requestMicroUsdPerMillion > request)
      request = rates.requestMicroUsdPerMillion;
  }
  return { input, output, request };
}

function definedRates(tier: Partial<PriceRates>): Partial<PriceRates> {
  const out: Record<string, bigint> = {};
  for (const [key, value] of Object.entries(tier)) if (typeof value === 'bigint') out[key] = value;
  return out;
}

function tokens(count: number | bigint): bigint {
  if (typeof count === 'bigint') {
    if (count >= 0n) return count;
  } else if (Number.isSafeInteger(count) && count >= 0) {
    return BigInt(count);
  }
  throw new RangeError(`token counts must be non-negative integers, got ${String(count)}`);
}

/** ⌊n/d + 1/2⌋ for d > 0; also right for a negative n, where BigInt division would truncate. */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const doubled = 2n * numerator + denominator;
  const divisor = 2n * denominator;
  const quotient = doubled / divisor;
  return doubled % divisor !== 0n && doubled < 0n ? quotient - 1n : quotient;
}
