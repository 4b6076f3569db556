import { catalogPrice } from './catalog.lookup.js';
import { CATALOG_VERSION } from './price.catalog.js';
import type { ModelPrice } from './price.types.js';

/** The price dataset that priced something: its name and the version (or digest) that was live. */
export interface CatalogRef {
  readonly name: string;
  readonly version: string;
}

/** What pricing needs to know of a pack target. */
export interface PriceableTarget {
  /** Canonical vendor: `openai`, `azure`, `anthropic`, `openai-compatible`. */
  readonly vendor: string;
  /** The model id sent upstream (for Azure, the deployment name). */
  readonly model: string;
  /** The model the target really runs (the pack's `base_model`), looked up instead of `model`. */
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

/** The catalog the process prices with. */
export function liveCatalog(): CatalogRef {
  return { name: 'kt-price-table', version: CATALOG_VERSION };
}

/**
 * The price in force for an attempt at `target` at time `at` (prices are dated: a replay passes the
 * event's own time): the pack's `pricing`, else the catalog's price of exactly `baseModel ?? model`
 * at that vendor, else the pack's fallback rate; undefined when none knows it.
 */
export function resolveTargetPrice(target: PriceableTarget, at: Date): TargetPrice | undefined {
  void at;
  if (target.pricing !== undefined) return { price: target.pricing, source: 'pack' };
  const listed = catalogPrice(target.vendor, target.baseModel ?? target.model);
  if (listed !== undefined) return { price: listed, source: 'catalog', catalog: liveCatalog() };
  return target.fallbackPricing === undefined ? undefined : { price: target.fallbackPricing, source: 'pack' };
}
