import { toMicroUsdString } from '../money/micro-usd.codec.js';
import type { ReportedUsage } from '../usage/reported-usage.js';
import type { AttemptUsage, CatalogRef, PriceSource, RouteCost, RouteUsage } from './route.event.js';

/** An attempt's `usage`: its two counts, or null when the upstream reported none. */
export function attemptUsage(usage: ReportedUsage | null): AttemptUsage | null {
  return usage === null ? null : { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens };
}

/** A route event's `usage`: the request's counts and their total. */
export function routeUsage(inputTokens: number, outputTokens: number): RouteUsage {
  return { input_tokens: inputTokens, output_tokens: outputTokens, total_tokens: inputTokens + outputTokens };
}

/**
 * A route event's `cost`, with the catalog that priced it when one did (copied field by field, so
 * nothing else a price carries reaches the event). Throws a RangeError outside int64.
 */
export function routeCost(microUsd: bigint, pricedBy: PriceSource, catalog?: CatalogRef): RouteCost {
  return {
    micro_usd: toMicroUsdString(microUsd),
    currency: 'USD',
    priced_by: pricedBy,
    ...(catalog !== undefined && { catalog: { name: catalog.name, version: catalog.version } }),
  };
}
