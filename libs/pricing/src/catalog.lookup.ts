import { PRICE_CATALOG, type CatalogEntry, type CatalogRates } from './price.catalog.js';
import type { ModelPrice } from './price.types.js';
import { microUsdFromUsd } from './usd.amount.js';

/** Built once at import: `vendor:model` (and each listed alias) → price in micro-USD. */
const PRICES: ReadonlyMap<string, ModelPrice> = index(PRICE_CATALOG);

/** The shipped list price of exactly this model at this vendor; undefined when not listed. */
export function catalogPrice(vendor: string, model: string): ModelPrice | undefined {
  return PRICES.get(key(vendor, model));
}

function key(vendor: string, model: string): string {
  return `${vendor}:${model}`;
}

function index(entries: readonly CatalogEntry[]): Map<string, ModelPrice> {
  const prices = new Map<string, ModelPrice>();
  for (const entry of entries) {
    const price = toModelPrice(entry);
    for (const vendor of entry.vendors) {
      for (const model of [entry.model, ...(entry.aliases ?? [])]) {
        if (prices.has(key(vendor, model))) throw new Error(`price catalog lists ${vendor}:${model} twice`);
        prices.set(key(vendor, model), price);
      }
    }
  }
  return prices;
}

function toModelPrice(entry: CatalogEntry): ModelPrice {
  const { longContext } = entry;
  return {
    ...rates(entry),
    ...(longContext !== undefined && {
      longContext: { aboveInputTokens: longContext.aboveInputTokens, ...rates(longContext) },
    }),
  };
}

function rates(source: CatalogRates) {
  return {
    inputMicroUsdPerMillion: microUsdFromUsd(source.input),
    outputMicroUsdPerMillion: microUsdFromUsd(source.output),
    ...(source.cachedInput !== undefined && {
      cachedInputMicroUsdPerMillion: microUsdFromUsd(source.cachedInput),
    }),
    ...(source.cacheWrite !== undefined && {
      cacheWriteMicroUsdPerMillion: microUsdFromUsd(source.cacheWrite),
    }),
  };
}
