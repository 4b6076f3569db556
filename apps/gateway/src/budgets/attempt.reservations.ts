import type { Admission } from './lease.book.js';
import type { BlockingBudget, BudgetedTarget } from '../state/budget.view.js';
import type { PricedTarget } from './usage.bound.js';

/** A target as a per-attempt reservation sees it: which budgets cover it, and at what price. */
export type LeasedTarget = BudgetedTarget & PricedTarget;

/** Where the block budgets covering a target come from (the budget view). */
export interface TargetBlockBudgets {
  targetBlockBudgets(target: BudgetedTarget): readonly BlockingBudget[];
}

/** Reserves one attempt's maximum cost at `target` against each of `budgets`' leases, or none. */
export type ReserveAttempt = (budgets: readonly BlockingBudget[], target: LeasedTarget) => Promise<Admission>;

/**
 * One request's reservations on the provider and target block budgets of the targets it tries. At
 * most one is held at a time: the executor reserves before its first attempt at a target, settles
 * when it moves on (failed attempts cost nothing, so that releases the headroom) and the target
 * that served settles at the request's whole cost, which is what the ledger books against it.
 */
export class AttemptReservations {
  private held: Extract<Admission, { ok: true }> | undefined;

  constructor(
    private readonly budgets: TargetBlockBudgets,
    private readonly reserve: ReserveAttempt,
  ) {}

  /**
   * Call before the first attempt at `target` (a reservation still held is released). Undefined
   * (synchronously, nothing to wait for) when no block budget covers it; else a promise of the
   * budget whose share ran out (the target is `budget_blocked` for this request), or undefined.
   */
  enter(target: LeasedTarget): Promise<BlockingBudget | undefined> | undefined {
    this.settle(0n);
    const covering = this.budgets.targetBlockBudgets(target);
    if (covering.length === 0) return undefined;
    return this.reserve(covering, target).then((admission) => {
      if (!admission.ok) return admission.budget;
      this.held = admission;
      return undefined;
    });
  }

  /** Replaces the held reservation with what was spent at its target (0 releases it); idempotent. */
  settle(actualMicroUsd: bigint): void {
    const held = this.held;
    if (held === undefined) return;
    this.held = undefined;
    held.settle(actualMicroUsd);
  }
}
