// The closed word lists of the pack format. Error messages quote these lists, so their order is
// the order users read.

import { VENDORS, type Vendor } from '@kt/contracts';

// Words the pack shares with the services that act on them are owned by `@kt/contracts`.
export {
  FALLBACK_TRIGGERS,
  STRATEGY_NAMES,
  VENDORS,
  type FallbackTrigger,
  type StrategyName,
  type Vendor,
} from '@kt/contracts';

/** Other spellings accepted in `provider` strings, mapped to the canonical vendor. */
export const VENDOR_ALIASES: ReadonlyMap<string, Vendor> = new Map([['azure-openai', 'azure']]);

export const MODEL_KINDS = ['chat', 'embeddings'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export const HEALTH_CHECK_KINDS = ['models', 'completion'] as const;
export type HealthCheckKind = (typeof HEALTH_CHECK_KINDS)[number];

/** `pricing.unpriced_under_block_budget`: refuse a target with no price while a block budget covers the request, or reserve and book it at `fallback_rate`. */
export const UNPRICED_POLICIES = ['refuse', 'reserve'] as const;
export type UnpricedPolicy = (typeof UNPRICED_POLICIES)[number];

export interface ProviderRef {
  readonly vendor: Vendor;
  readonly kind: ModelKind;
  readonly model: string;
}

/**
 * Splits `vendor:kind:model`. The model keeps any further colons (`llama3:8b` on an
 * OpenAI-compatible server is a real model name).
 */
export function parseProviderRef(text: string): ProviderRef | undefined {
  const first = text.indexOf(':');
  const second = first < 0 ? -1 : text.indexOf(':', first + 1);
  if (second < 0) return undefined;
  const vendorText = text.slice(0, first);
  const kind = text.slice(first + 1, second);
  const model = text.slice(second + 1);
  const vendor = VENDOR_ALIASES.get(vendorText) ?? VENDORS.find((v) => v === vendorText);
  const modelKind = MODEL_KINDS.find((k) => k === kind);
  if (vendor === undefined || modelKind === undefined || model.trim() === '') return undefined;
  return { vendor, kind: modelKind, model };
}
