import type { BudgetScope } from '@kt/contracts';
import type { EntityManager } from '@kt/persistence';
import { budgetScopeFilter } from '@kt/spend';

/** How far back a new block budget looks for unpriced traffic in its scope. */
export const UNPRICED_LOOKBACK_DAYS = 30;

/** Unpriced requests in a scope (tokens used, no price: `@kt/spend`), and their tokens (input + output). */
export interface UnpricedInScope {
  readonly requests: number;
  readonly tokens: number;
  /** Start of the look-back: the last 30 days, whatever the budget's period. */
  readonly since: string;
}

/**
 * Unpriced traffic in `scope` over the last 30 days (not the budget's current period, which may
 * have just begun and show nothing while unpriced traffic flows every day). Such traffic books 0,
 * so a block budget cannot stop it unless the pack reserves it at a fallback rate.
 */
export async function unpricedInScope(
  manager: EntityManager,
  scope: BudgetScope,
  nowMs: number,
): Promise<UnpricedInScope> {
  // Whole hours, as the rollup counts them.
  const startMs = Math.floor((nowMs - UNPRICED_LOOKBACK_DAYS * 86_400_000) / 3_600_000) * 3_600_000;
  const since = new Date(startMs).toISOString();
  const [{ present }] = await manager.query<{ present: boolean }[]>(
    "SELECT to_regclass('spend_hourly') IS NOT NULL AS present",
  );
  if (!present) return { requests: 0, tokens: 0, since };
  // The rollup counts unpriced requests (tokens used, no price) by the one definition reports use.
  const { where, params } = budgetScopeFilter(scope, { startMs, endMs: null }, 'hour');
  const [row] = await manager.query<{ requests: string; tokens: string }[]>(
    `SELECT COALESCE(SUM(unpriced_requests), 0)::text AS requests,
       COALESCE(SUM(unpriced_tokens), 0)::text AS tokens
     FROM spend_hourly WHERE ${where}`,
    [...params],
  );
  return { requests: Number(row?.requests ?? 0), tokens: Number(row?.tokens ?? 0), since };
}

/** The warning a new block budget carries when unpriced traffic falls in its scope. */
export function unpricedWarning(found: UnpricedInScope): string | undefined {
  if (found.requests === 0) return undefined;
  return (
    `unpriced: ${found.requests} requests, ${found.tokens} tokens in this budget's scope over the last ` +
    `${UNPRICED_LOOKBACK_DAYS} days were booked at $0; this block budget cannot count them. The pack ` +
    'refuses such targets under a block budget (pricing.unpriced_under_block_budget: refuse, the default) ' +
    'unless they get base_model or pricing, or the pack reserves them at pricing.fallback_rate'
  );
}
