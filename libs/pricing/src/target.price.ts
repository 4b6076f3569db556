import { catalogPrice, type CatalogPrice } from './catalog.lookup.js';
import type { CatalogRef } from './catalog.source.js';
import type { ModelPrice } from './price.types.js';

/** What pricing needs to know of a pack target. */
export interface PriceableTarget {
  /** Canonical vendor: `openai`, `azure`, `anthropic`, `openai-compatible`. */
  readonly vendor: string;
  /** The model id sent upstream (for Azure, the deployment name). */
  readonly model: string;
  /**
   * The model the target really runs (the pack's `base_model`), looked up instead of `model`; may
   * name the catalog provider as `<provider>/<model>`. The only way an `openai-compatible` target
   * is priced by the catalog.
   */
  readonly baseModel?: string;
  /** The target's pack `pricing`, which wins over the catalog. */
  readonly pricing?: ModelPrice;
  /**
   * The pack-wide `pricing.fallback_rate`: used only when neither the target's `pricing` nor the
   * catalog prices it, and then counted as priced by the pack (the pack stated the rate).
   */
  readonly fallbackPricing?: ModelPrice;
}

export interface TargetPrice {
  readonly price: ModelPrice;
  readonly source: 'pack' | 'catalog';
  /** Set when the catalog priced it. */
  readonly catalog?: CatalogRef;
}

/**
 * The price in force for an attempt at `target` at time `at` (prices are dated: a replay passes the
 * event's own time): the pack's `pricing`, else the catalog's price of exactly `baseModel ?? model`
 * at that vendor, else the pack's fallback rate; undefined when none knows it.
 */
export function resolveTargetPrice(target: PriceableTarget, at: Date): TargetPrice | undefined {
  if (target.pricing !== undefined) return { price: target.pricing, source: 'pack' };
  const listed = catalogPriceOf(target, at);
  if (listed !== undefined) return { price: listed.price, source: 'catalog', catalog: listed.catalog };
  return target.fallbackPricing === undefined ? undefined : { price: target.fallbackPricing, source: 'pack' };
}

/** The catalog's price for the target, ignoring pack rates: `baseModel ?? model` at its vendor. */
export function catalogPriceOf(target: PriceableTarget, at: Date): CatalogPrice | undefined {
  // A self-hosted OpenAI-compatible server's model names mean nothing to the catalog on their own.
  if (target.vendor === 'openai-compatible' && target.baseModel === undefined) return undefined;
  return catalogPrice(target.vendor, target.baseModel ?? target.model, at);
}
