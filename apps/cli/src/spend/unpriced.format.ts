// How `kt spend report` (and anything else printing spend) shows traffic it could not price: never as
// a cost of $0, but as its own figure — "unpriced: 184 requests, 4,031 tokens".
import { usdExact } from '../shared/money.format.js';

/** The pricing flags reporting adds beside the counters; absent from an older reporting (read as 0). */
export interface PriceFlagCounts {
  readonly cost_micro_usd: string;
  readonly unpriced_requests?: string;
  readonly unpriced_tokens?: string;
  readonly estimated_requests?: string;
}

/** `"4031"` → `"4,031"`: integer text with thousands separators, exact at any size. */
export function thousands(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const count = (n: string, one: string, many: string): string => `${thousands(n)} ${n === '1' ? one : many}`;

const positive = (n: string | undefined): n is string => n !== undefined && /^\d+$/.test(n) && BigInt(n) > 0n;

/**
 * The one way the CLI prints a cost: "unpriced" where tokens were used that no price covered (a
 * $0 would claim a price), else the exact USD, with `prefix` (`$` in a log line).
 */
export function costText(microUsd: string, unpriced: boolean, prefix = ''): string {
  return unpriced ? 'unpriced' : `${prefix}${usdExact(microUsd)}`;
}

/** A group's cost: unpriced when nothing in it had a price and some of it used tokens. */
export function groupCostText(c: PriceFlagCounts): string {
  return costText(c.cost_micro_usd, positive(c.unpriced_requests) && BigInt(c.cost_micro_usd) === 0n);
}

/** "unpriced: 184 requests, 4,031 tokens; estimated: 3 requests", or '' when all was priced. */
export function priceNote(c: PriceFlagCounts): string {
  const parts: string[] = [];
  if (positive(c.unpriced_requests))
    parts.push(
      `unpriced: ${count(c.unpriced_requests, 'request', 'requests')}, ${count(c.unpriced_tokens ?? '0', 'token', 'tokens')}`,
    );
  if (positive(c.estimated_requests))
    parts.push(`estimated: ${count(c.estimated_requests, 'request', 'requests')}`);
  return parts.join('; ');
}
