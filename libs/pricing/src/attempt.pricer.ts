import type { ModelPrice, PricedBy, TokenUsage } from './price.types.js';
import { resolveTargetPrice, type CatalogRef } from './target.price.js';

export interface AttemptPricingInput {
  /** The target's `pricing` from the pack, if it has one. */
  readonly pricing?: ModelPrice;
  /** Canonical vendor: `openai`, `azure`, `anthropic`, `openai-compatible`. */
  readonly vendor: string;
  /** The model id sent upstream (for Azure, what the catalog knows only if it is the model name). */
  readonly upstreamModel: string;
  /** The pack-wide fallback rate (see PriceableTarget). */
  readonly fallbackPricing?: ModelPrice;
  /** The pack's `base_model`: what the catalog looks up instead of `upstreamModel`. */
  readonly baseModel?: string;
  /** When the attempt happened; prices are dated. Default: now. */
  readonly at?: Date;
  /** The usage is kt's own count (the upstream never reported it): priced, but marked 'estimate'. */
  readonly estimated?: boolean;
  readonly usage: TokenUsage;
  /** A cost the provider reported for this call, already in micro-USD. */
  readonly providerReportedCostMicroUsd?: bigint;
}

export interface AttemptPrice {
  readonly microUsd: bigint;
  readonly pricedBy: PricedBy;
  /** Set when the catalog priced it, so a report can say which prices were in force. */
  readonly catalog?: CatalogRef;
}

const PER_MILLION = 1_000_000n;

/**
 * The cost of one attempt, from the first source that has it: the provider's reported cost, the
 * target's pack `pricing`, the catalog (exact model id only), else 0 flagged 'unpriced'.
 * Throws a RangeError for token counts that are negative or not integers.
 */
export function priceAttempt(input: AttemptPricingInput): AttemptPrice {
  if (input.providerReportedCostMicroUsd !== undefined) {
    return { microUsd: input.providerReportedCostMicroUsd, pricedBy: 'provider' };
  }
  const target = {
    vendor: input.vendor,
    model: input.upstreamModel,
    ...(input.baseModel !== undefined && { baseModel: input.baseModel }),
    ...(input.pricing !== undefined && { pricing: input.pricing }),
    ...(input.fallbackPricing !== undefined && { fallbackPricing: input.fallbackPricing }),
  };
  const resolved = resolveTargetPrice(target, input.at ?? new Date());
  if (resolved === undefined) return { microUsd: 0n, pricedBy: 'unpriced' };
  return {
    microUsd: costOf(input.usage, resolved.price),
    pricedBy: input.estimated === true ? 'estimate' : resolved.source,
    ...(resolved.catalog !== undefined && { catalog: resolved.catalog }),
  };
}

/**
 * Integer micro-USD for `usage` at `price`: Σ tokens × rate per million, summed exactly, then
 * divided by one million once and rounded half up — per attempt, never per token, so many small
 * attempts are not each rounded to zero or up.
 */
export function costOf(usage: TokenUsage, price: ModelPrice): bigint {
  const input = tokens(usage.inputTokens);
  const output = tokens(usage.outputTokens);
  const cached = tokens(usage.cachedInputTokens ?? 0);
  const written = tokens(usage.cacheWriteInputTokens ?? 0);
  if (cached + written > input)
    throw new RangeError('cached and cache-write tokens are part of inputTokens and cannot exceed it');
  const tier = price.longContext;
  const rates = tier !== undefined && input > BigInt(tier.aboveInputTokens) ? tier : price;
  const plainRate = rates.inputMicroUsdPerMillion;
  const total =
    (input - cached - written) * plainRate +
    cached * (rates.cachedInputMicroUsdPerMillion ?? plainRate) +
    written * (rates.cacheWriteMicroUsdPerMillion ?? plainRate) +
    output * rates.outputMicroUsdPerMillion;
  return roundHalfUp(total, PER_MILLION);
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
function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const doubled = 2n * numerator + denominator;
  const divisor = 2n * denominator;
  const quotient = doubled / divisor;
  return doubled % divisor !== 0n && doubled < 0n ? quotient - 1n : quotient;
}
