import { Injectable } from '@nestjs/common';
import type { ModelGroup, Target } from '@kt/pack';
import type { AttemptPlan } from '@kt/routing';
import { annotateRequestSpan, KT_ATTR } from '@kt/telemetry';
import { BudgetLeases } from '../budgets/budget-leases.service.js';
import { budgetRefusal } from '../budgets/budget.refusal.js';
import type { AttemptReservations } from '../budgets/attempt.reservations.js';
import type { BlockingBudget } from '../state/budget.view.js';
import type { UsageBound } from '../budgets/usage.bound.js';
import type { Refusal } from '../errors/gateway.error.js';
import { NO_SKIPS, planRoute, type PlanInput, type PlanResult, type Planned } from './route.planner.js';

const NO_HEADROOM = 'has no headroom left for this request';

/** A planned request its budgets let through, holding what it reserved until it is settled. */
export interface Admitted {
  readonly ok: true;
  readonly plan: AttemptPlan<Target, ModelGroup>;
  readonly planned: Planned;
  /** Provider/target block budget reservations (with a ledger); the first target's is already held. */
  readonly reservations?: AttemptReservations;
  /** Settles the request-wide block budgets' reservation at what the request cost (with a ledger). */
  readonly settle?: (cost: bigint) => void;
}

export type Admission =
  Admitted | { readonly ok: false; readonly refusal: Refusal; readonly planned?: Planned };

/**
 * The budget gate between planning and the attempts: it owns the request's reservations on block
 * budgets' leases (the first target's while planning, the request-wide ones once planned) and the
 * refusals they make. Without a ledger it only plans.
 */
@Injectable()
export class RouteAdmission {
  constructor(private readonly leases: BudgetLeases) {}

  /**
   * Synchronous without a ledger (the usual gateway): the planner's result is the admission, with no
   * promise and no object of its own per request.
   */
  admit(input: PlanInput, bound: UsageBound): Admission | Promise<Admission> {
    if (this.leases.enabled) return this.admitLeased(input, bound);
    const result: Admission = planRoute(input);
    if (result.ok) annotateRequestSpan(KT_ATTR.group, result.plan.group.name);
    return result;
  }

  private async admitLeased(input: PlanInput, bound: UsageBound): Promise<Admission> {
    const { pricing } = input.runtime.pack;
    const reservations = this.leases.attemptReservations(input.budgets, bound, pricing);
    const result = reservations ? await this.planReserved(input, reservations) : planRoute(input);
    if (!result.ok) return result;
    const { plan, planned } = result;
    annotateRequestSpan(KT_ATTR.group, plan.group.name);
    // Request-wide block budgets: reserve the most this request can cost against this instance's lease.
    const scopes = { team: input.caller?.team, keyId: input.caller?.key_id, group: plan.group.name };
    const admission = await this.leases.admit(
      input.budgets.requestBlockBudgets(scopes),
      plan.attempts,
      bound,
      pricing,
    );
    if (!admission.ok) {
      reservations?.settle(0n);
      return { ok: false, refusal: budgetRefusal(admission.budget, NO_HEADROOM)!, planned };
    }
    return { ok: true, plan, planned, reservations, settle: admission.settle };
  }

  /**
   * Plans, then reserves the first target's attempt on its provider/target block budgets. A target
   * whose lease is out (and the ledger grants no more) is planned around like an exhausted one, so
   * the strategy picks another; when none is left the answer is the budget's 402.
   */
  private async planReserved(input: PlanInput, reservations: AttemptReservations): Promise<PlanResult> {
    let result = planRoute(input);
    let last: Planned | undefined;
    const leaseBlocked = new Map<string, BlockingBudget>();
    while (result.ok) {
      const first = result.plan.attempts[0]!;
      const reserving = reservations.enter(first);
      const refused = reserving && (await reserving);
      if (!refused) return result;
      leaseBlocked.set(first.id, refused);
      last = result.planned;
      // The ledger took its time: each plan reads the clock anew (breaker cooldowns, prices in force).
      result = planRoute({ ...input, leaseBlocked, nowMs: Date.now() });
    }
    // A request-wide budget that refuses the re-plan does so before it names a group: the event keeps
    // the group and strategy planned before, without that plan's skips (they were not this refusal's).
    if (result.planned === undefined && last !== undefined)
      return { ...result, planned: { ...last, circuitOpen: NO_SKIPS } };
    return result;
  }
}
