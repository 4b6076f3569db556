import type { PackPricing } from '@kt/pack';
import { resolveTargetPrice, type PriceableTarget } from '@kt/pricing';
import { unpricedBudget } from './budget.refusal.js';
import type { BlockingBudget, BudgetedTarget, RequestScopes } from '../state/budget.view.js';

/** The budget view as the unpriced check reads it. */
export interface CoveringBudgets {
  /** How many budgets are followed: none (the usual case without budgets) needs no check at all. */
  readonly size: number;
  requestBlockBudgets(scopes: RequestScopes): readonly BlockingBudget[];
  targetBlockBudgets(target: BudgetedTarget): readonly BlockingBudget[];
}

type CheckedTarget = BudgetedTarget & PriceableTarget;

/**
 * A target nobody prices reserves and books 0, so a block budget could never stop it. Under the
 * pack's default `pricing.unpriced_under_block_budget: refuse` such a target is not tried while a
 * block budget covers the request (request-wide or its own provider/target budget): planning
 * passes it over like an exhausted target, and when nothing else is left the refusal names it.
 * With `reserve`, the fallback rate prices it and there is nothing to refuse.
 */
export class UnpricedRefusals {
  private readonly refused = new Map<string, BlockingBudget>();
  // Looked up once per request, on the first target checked.
  private requestWide: readonly BlockingBudget[] | undefined;

  constructor(
    private readonly budgets: CoveringBudgets,
    private readonly pricing: PackPricing,
    private readonly scopes: RequestScopes,
    private readonly at: Date,
  ) {}

  /** True (and remembered) when `target` must not be tried for this request. */
  refuses(target: CheckedTarget): boolean {
    if (this.pricing.unpricedUnderBlockBudget !== 'refuse' || this.budgets.size === 0) return false;
    this.requestWide ??= this.budgets.requestBlockBudgets(this.scopes);
    const covering = this.requestWide[0] ?? this.budgets.targetBlockBudgets(target)[0];
    if (covering === undefined || resolveTargetPrice(target, this.at) !== undefined) return false;
    this.refused.set(target.id, unpricedBudget(covering, target.id));
    return true;
  }

  /** The refusal recorded for `targetId`, answered as a 402 that says why and what fixes it. */
  refusal(targetId: string): BlockingBudget | undefined {
    return this.refused.get(targetId);
  }
}

/** `target` as reservations and billing price it: with the pack's fallback rate when it has one. */
export function withFallbackRate<T extends PriceableTarget>(target: T, pricing: PackPricing): T {
  const fallback = pricing.fallbackRate;
  return fallback === undefined ? target : { ...target, fallbackPricing: fallback };
}
