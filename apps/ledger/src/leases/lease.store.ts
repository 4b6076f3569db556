import { Inject, Injectable } from '@nestjs/common';
import type { BudgetDefinition, BudgetScope } from '@kt/contracts';
import { DataSource, type EntityManager } from '@kt/persistence';
import { budgetScopeFilter } from '@kt/spend';
import { spentInWindow } from '../budgets/budget-spend.query.js';
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
      const spent = await spentInWindow(manager, definition.scope, window);
      const applied = await appliedByInstance(manager, definition.scope, window);
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

/** Each gateway instance's applied cost in the scope and window, from the route events it wrote. */
async function appliedByInstance(
  manager: EntityManager,
  scope: BudgetScope,
  window: WindowRange,
): Promise<Map<string, bigint>> {
  const [{ present }] = await manager.query<{ present: boolean }[]>(
    "SELECT to_regclass('ledger_entries') IS NOT NULL AS present",
  );
  if (!present) return new Map();
  const { where, params } = budgetScopeFilter(scope, window, 'occurred_at');
  const rows = await manager.query<{ instance: string | null; cost: string }[]>(
    `SELECT event->'gateway'->>'instance_id' AS instance, COALESCE(SUM(cost_micro_usd), 0)::text AS cost
       FROM ledger_entries WHERE ${where} GROUP BY 1`,
    [...params],
  );
  const applied = new Map<string, bigint>();
  for (const row of rows) if (row.instance !== null) applied.set(row.instance, BigInt(row.cost));
  return applied;
}
