import type { CatalogRef } from './catalog.source.js';
import { costOf } from './cost.of.js';
import type { ModelPrice, PricedBy, TokenUsage } from './price.types.js';
import { resolveTargetPrice } from './target.price.js';

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

/**
 * The cost of one attempt, from the first source that has it: the provider's reported cost, the
 * target's pack `pricing`, the catalog (exact or curated model id, at the attempt's time), else 0 flagged 'unpriced'.
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
