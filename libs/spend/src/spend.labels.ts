/**
 * How every report names what has no provider, and when a request counts as unpriced: one
 * definition for reporting's SQL and exports, the CLI and (by a spec checking the same words) the
 * dashboard, which runs in the browser and imports nothing.
 */

/** The requests the gateway refused before trying any provider or target. */
export const REJECTED_LABEL = '(rejected)';

/** A provider-less row without rejections: failures that never made an attempt (a client gone first). */
export const NO_PROVIDER_LABEL = '(no provider)';

/** A row's provider/target name, or which kind of provider-less row it is. */
export function noProviderLabel(key: string, rejected: boolean): string {
  if (rejected) return REJECTED_LABEL;
  return key === '' ? NO_PROVIDER_LABEL : key;
}

/**
 * A request used tokens that no price covered (`UNPRICED_ENTRY_SQL` in TypeScript): a rejection or
 * a failure that used none is stamped `unpriced` too, but has nothing to price.
 */
export function isUnpricedUse(
  pricedBy: string | undefined,
  inputTokens: number,
  outputTokens: number,
): boolean {
  return pricedBy === 'unpriced' && inputTokens + outputTokens > 0;
}
