import { Inject, Injectable } from '@nestjs/common';
import type { BudgetDefinition, BudgetScope } from '@kt/contracts';
import { DataSource, type EntityManager } from '@kt/persistence';
import { budgetScopeFilter, budgetSpendQuery } from '@kt/spend';
import { windowAt, type WindowRange } from '../budgets/budget.window.js';
import type { LeaseGrant } from './lease-request.dto.js';
import { decideGrant, type InstanceLease } from './lease.rule.js';
import { LEASES_SETTINGS, type LeasesSettings } from './leases.settings.js';

interface LeaseRow {
  readonly gateway_instance: string;
  readonly window_start: Date;
  readonly generation: number;
  readonly granted_micro_usd: string;
  readonly expires_at: Date;
}

export type GrantOutcome = LeaseGrant | 'unknown' | 'not_blocking';

/** Grants headroom leases: one transaction per grant, serialised per budget by an advisory lock. */
@Injectable()
export class LeaseStore {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(LEASES_SETTINGS) private readonly settings: LeasesSettings,
  ) {}

  grant(budgetId: string, instance: string, requested: bigint, nowMs: number): Promise<GrantOutcome> {
    return this.ds.transaction(async (manager) => {
      // Two grants of one budget never interleave, so no headroom is handed out twice.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`kt-lease:${budgetId}`]);
      const budgets = await manager.query<{ definition: BudgetDefinition; deleted: boolean }[]>(
        'SELECT definition, deleted FROM budgets WHERE budget_id = $1',
        [budgetId],
      );
      if (budgets.length === 0 || budgets[0].deleted) return 'unknown';
      const definition = budgets[0].definition;
      if (definition.action !== 'block') return 'not_blocking';
      const window = windowAt(definition.period, nowMs);
      const { spent, applied } = await spentAndApplied(manager, definition.scope, window);
      const rows = await manager.query<LeaseRow[]>(
        `SELECT gateway_instance, window_start, generation, granted_micro_usd::text AS granted_micro_usd,
                expires_at FROM budget_leases WHERE budget_id = $1`,
        [budgetId],
      );
      const leases = rows.map((row): InstanceLease => ({
        instance: row.gateway_instance,
        grantedMicroUsd: BigInt(row.granted_micro_usd),
        appliedMicroUsd: applied.get(row.gateway_instance) ?? 0n,
        live:
          row.window_start.getTime() === window.startMs &&
          nowMs < row.expires_at.getTime() + this.settings.reclaimMs,
      }));
      const decision = decideGrant({
        limitMicroUsd: BigInt(definition.limit_micro_usd),
        spentMicroUsd: spent,
        leases,
        requester: instance,
        requesterAppliedMicroUsd: applied.get(instance) ?? 0n,
        requestedMicroUsd: requested,
      });
      const previous = rows.find((row) => row.gateway_instance === instance);
      const generation = decision.fresh ? (previous?.generation ?? 0) + 1 : (previous?.generation ?? 1);
      const expiresAt = new Date(nowMs + this.settings.ttlMs);
      await manager.query(
        `INSERT INTO budget_leases (budget_id, gateway_instance, window_start, generation, granted_micro_usd, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (budget_id, gateway_instance) DO UPDATE SET window_start = EXCLUDED.window_start,
           generation = EXCLUDED.generation, granted_micro_usd = EXCLUDED.granted_micro_usd,
           expires_at = EXCLUDED.expires_at`,
        [
          budgetId,
          instance,
          new Date(window.startMs),
          generation,
          decision.grantedTotalMicroUsd.toString(),
          expiresAt,
        ],
      );
      return {
        budget_id: budgetId,
        gateway_instance: instance,
        window_start: new Date(window.startMs).toISOString(),
        generation,
        granted_micro_usd: decision.grantMicroUsd.toString(),
        lease_total_micro_usd: decision.grantedTotalMicroUsd.toString(),
        available_micro_usd: decision.availableMicroUsd.toString(),
        expires_at: expiresAt.toISOString(),
        ttl_ms: this.settings.ttlMs,
      };
    });
  }
}

interface SpendSnapshot {
  /** Everything applied to the scope in the window (the rollups, as budget states count it). */
  readonly spent: bigint;
  /** Each gateway instance's applied cost in the scope and window, from the route events it wrote. */
  readonly applied: ReadonlyMap<string, bigint>;
}

/**
 * Spent and every instance's applied cost in ONE statement, so one snapshot: read apart, a batch
 * committed between the two reads would show an instance's applied cost without it in spent, and
 * the grant would hand out that much headroom twice.
 */
async function spentAndApplied(
  manager: EntityManager,
  scope: BudgetScope,
  window: WindowRange,
): Promise<SpendSnapshot> {
  const [{ present }] = await manager.query<{ present: boolean }[]>(
    "SELECT to_regclass('spend_hourly') IS NOT NULL AND to_regclass('ledger_entries') IS NOT NULL AS present",
  );
  if (!present) return { spent: 0n, applied: new Map() };
  // Both filters take the same parameters: the same scope and window, on different time columns.
  const total = budgetSpendQuery(scope, window);
  const { where } = budgetScopeFilter(scope, window, 'occurred_at');
  const rows = await manager.query<{ instance: string | null; cost: string; total: boolean }[]>(
    `SELECT NULL::text AS instance, spent AS cost, true AS total FROM (${total.sql}) AS rollups
     UNION ALL
     SELECT event->'gateway'->>'instance_id', COALESCE(SUM(cost_micro_usd), 0)::text, false
       FROM ledger_entries WHERE ${where} GROUP BY 1`,
    [...total.params],
  );
  const applied = new Map<string, bigint>();
  let spent = 0n;
  for (const row of rows) {
    if (row.total) spent = BigInt(row.cost);
    else if (row.instance !== null) applied.set(row.instance, BigInt(row.cost));
  }
  return { spent, applied };
}
