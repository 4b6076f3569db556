import type { ModelPrice as CatalogModelPrice, TieredPrices } from '@pydantic/genai-prices';
import { microUsdPerMillion, microUsdPerMillionFromPerThousand } from './decimal.rate.js';
import type { ModelPrice, PriceRates, PriceTier } from './price.types.js';

type RateKey = keyof PriceRates;

/**
 * The catalog price keys kt has usage for, and how each converts to integer micro-USD per million.
 * Other keys (audio, images, web searches, …) price usage a chat or embeddings call through kt does
 * not report, so they contribute nothing, as they would in the dataset's own calculation.
 */
const KEYS: ReadonlyArray<readonly [string, RateKey, (usd: number) => bigint]> = [
  ['input_mtok', 'inputMicroUsdPerMillion', microUsdPerMillion],
  ['output_mtok', 'outputMicroUsdPerMillion', microUsdPerMillion],
  ['cache_read_mtok', 'cachedInputMicroUsdPerMillion', microUsdPerMillion],
  ['cache_write_mtok', 'cacheWriteMicroUsdPerMillion', microUsdPerMillion],
  ['cache_write_1h_mtok', 'cacheWrite1hMicroUsdPerMillion', microUsdPerMillion],
  ['output_reasoning_mtok', 'reasoningMicroUsdPerMillion', microUsdPerMillion],
  ['requests_kcount', 'requestMicroUsdPerMillion', microUsdPerMillionFromPerThousand],
];

/**
 * A catalog model price as exact integer rates; undefined when the model is not priced per token
 * (no `input_mtok`: audio-hour or per-image models), so it is reported unpriced rather than at 0.
 * Throws a RangeError naming the key for a value that is not a non-negative number or tier table.
 */
export function toModelPrice(source: CatalogModelPrice): ModelPrice | undefined {
  if (source['input_mtok'] === undefined) return undefined;
  const base: Partial<Record<RateKey, bigint>> = {};
  const tiers = new Map<number, Partial<Record<RateKey, bigint>>>();
  for (const [catalogKey, key, convert] of KEYS) {
    const value = source[catalogKey];
    if (value === undefined) continue;
    if (typeof value === 'number') {
      base[key] = rate(catalogKey, value, convert);
      continue;
    }
    const tiered = asTiered(catalogKey, value);
    base[key] = rate(catalogKey, tiered.base, convert);
    for (const tier of tiered.tiers) {
      const at = tiers.get(tier.start) ?? {};
      at[key] = rate(catalogKey, tier.price, convert);
      tiers.set(tier.start, at);
    }
  }
  const price = {
    ...base,
    inputMicroUsdPerMillion: base.inputMicroUsdPerMillion ?? 0n,
    outputMicroUsdPerMillion: base.outputMicroUsdPerMillion ?? 0n,
  };
  if (tiers.size === 0) return price;
  const ordered: PriceTier[] = [...tiers]
    .sort(([a], [b]) => a - b)
    .map(([aboveInputTokens, rates]) => ({ aboveInputTokens, ...rates }));
  return { ...price, tiers: ordered };
}

function rate(key: string, value: unknown, convert: (usd: number) => bigint): bigint {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new RangeError(`${key}: expected a non-negative number or {base, tiers}`);
  return convert(value);
}

function asTiered(key: string, value: unknown): TieredPrices {
  const candidate = value as Partial<TieredPrices> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.base !== 'number' ||
    !Array.isArray(candidate.tiers) ||
    !candidate.tiers.every(
      (tier) =>
        typeof tier === 'object' && tier !== null && Number.isSafeInteger(tier.start) && tier.start >= 0,
    )
  )
    throw new RangeError(`${key}: expected a non-negative number or {base, tiers: [{start, price}]}`);
  return candidate as TieredPrices;
}
