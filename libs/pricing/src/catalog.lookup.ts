import type {
  ConditionalPrice,
  ModelInfo,
  ModelPrice as CatalogModelPrice,
  Provider,
} from '@pydantic/genai-prices';
import { curatedMatcher } from './catalog.match.js';
import { toModelPrice } from './catalog.rates.js';
import { liveCatalogData, type CatalogData, type CatalogRef } from './catalog.source.js';
import { priceAt } from './dated.price.js';
import { MAX_LOOKUP_ID_LENGTH } from './safe.regex.js';
import type { ModelPrice } from './price.types.js';

/** kt vendor → the catalog provider its models are priced under (Azure falls back to OpenAI there). */
const VENDOR_PROVIDER: Readonly<Record<string, string>> = {
  openai: 'openai',
  azure: 'azure',
  anthropic: 'anthropic',
};

export interface CatalogPrice {
  readonly price: ModelPrice;
  readonly catalog: CatalogRef;
  /** The catalog provider and model that priced it, for messages and docs. */
  readonly providerId: string;
  readonly modelId: string;
}

interface Match {
  readonly providerId: string;
  readonly model: ModelInfo;
}

// Matching walks every model's rules, so it runs once per (vendor, model id) and dataset; the
// price in force at a time is then a scan of the model's few dated entries, and each entry's
// exact rates are converted once.
const matches = new WeakMap<CatalogData, Map<string, Match | null>>();
const converted = new WeakMap<CatalogModelPrice, ModelPrice | null>();
const MAX_CACHED_IDS = 10_000;

/**
 * The live catalog's price of exactly `model` at `vendor` in force at `at`, or undefined. `model`
 * may name the catalog provider itself as `<provider>/<model>` (`aws/anthropic.claude-…-v1:0`,
 * `openai/gpt-4o`): how a target on a host the catalog does not know (openai-compatible) says what
 * it runs. Matching is exact or curated (see catalog.match.ts), never a guess.
 */
export function catalogPrice(vendor: string, model: string, at: Date): CatalogPrice | undefined {
  const data = liveCatalogData();
  // Longer ids are no model anyone lists, and they bound what a pattern can cost (safe.regex.ts).
  if (model.length > MAX_LOOKUP_ID_LENGTH) return undefined;
  return priced(data, cachedMatch(data, vendor, model), at);
}

/**
 * catalogPrice against a dataset that is not (yet) live, uncached: how a prices file is tried at
 * load, so a rule the checks let through still fails at start rather than at the first request.
 */
export function catalogPriceIn(
  data: CatalogData,
  vendor: string,
  model: string,
  at: Date,
): CatalogPrice | undefined {
  if (model.length > MAX_LOOKUP_ID_LENGTH) return undefined;
  return priced(data, findMatch(data, vendor, model) ?? null, at);
}

function priced(data: CatalogData, match: Match | null, at: Date): CatalogPrice | undefined {
  if (match === null) return undefined;
  const entry = priceAt(match.model, at);
  if (entry === undefined) return undefined;
  const price = convert(entry);
  if (price === null) return undefined;
  return { price, catalog: data.ref, providerId: match.providerId, modelId: match.model.id };
}

function cachedMatch(data: CatalogData, vendor: string, model: string): Match | null {
  let cache = matches.get(data);
  if (cache === undefined || cache.size >= MAX_CACHED_IDS) {
    cache = new Map();
    matches.set(data, cache);
  }
  const key = `${vendor}\u0000${model}`;
  let match = cache.get(key);
  if (match === undefined) {
    match = findMatch(data, vendor, model) ?? null;
    cache.set(key, match);
  }
  return match;
}

function findMatch(data: CatalogData, vendor: string, model: string): Match | undefined {
  const id = model.trim().toLowerCase();
  const slash = id.indexOf('/');
  const named = slash > 0 ? data.provider(id.slice(0, slash)) : undefined;
  const provider = named ?? data.provider(VENDOR_PROVIDER[vendor] ?? '');
  if (provider === undefined) return undefined;
  const modelId = named === undefined ? id : id.slice(slash + 1);
  for (const candidate of new Set([modelId, dashedDates(modelId)])) {
    const found = findIn(data, provider, candidate);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The provider's own models first, then its fallback providers' (Azure → OpenAI, …), in order. */
function findIn(data: CatalogData, provider: Provider, id: string): Match | undefined {
  const matching = curatedMatcher(id);
  for (const source of [
    provider,
    // A prices file's list is checked at load; the guard keeps a bad one from failing requests.
    ...(Array.isArray(provider.fallback_model_providers) ? provider.fallback_model_providers : []).map((p) =>
      data.provider(p),
    ),
  ]) {
    const model = source?.models.find((candidate) => matching(candidate.match));
    if (source !== undefined && model !== undefined) return { providerId: source.id, model };
  }
  return undefined;
}

/** The dataset's own normalization: a compact snapshot date `-20240806` is also tried as `-2024-08-06`. */
function dashedDates(id: string): string {
  return id.replace(/-(20\d{2})(\d{2})(\d{2})(?=-|:|$)/g, '-$1-$2-$3');
}

function convert(entry: ConditionalPrice['prices']): ModelPrice | null {
  let price = converted.get(entry);
  if (price === undefined) {
    try {
      price = toModelPrice(entry) ?? null;
    } catch {
      // A malformed entry in the bundled data prices nothing rather than failing the request.
      price = null;
    }
    converted.set(entry, price);
  }
  return price;
}
