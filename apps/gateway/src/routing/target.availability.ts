import type { Pack, Target } from '@kt/pack';
import type { CircuitBreaker, UnavailableReason } from '@kt/routing';
import type { BlockingBudget, BudgetedTarget } from '../state/budget.view.js';
import type { TargetHealth } from '../state/target.health.js';
import {
  combineRequirements,
  complies,
  isRequired,
  NO_REQUIREMENT,
  type DataPolicyRequirement,
} from './data-policy.requirement.js';

/**
 * What a request demands: its header, its group's policy and, when a semantic route sends it to
 * another group, that group's too. It holds for fallback groups as well: fallback never loosens it.
 */
export function requestRequirement(
  pack: Pack,
  model: string,
  options: { readonly dataPolicy?: DataPolicyRequirement; readonly semantic?: { readonly group?: string } },
): DataPolicyRequirement {
  const routed = options.semantic?.group;
  return [
    pack.groupsByName.get(model)?.dataPolicy,
    routed === undefined ? undefined : pack.groupsByName.get(routed)?.dataPolicy,
  ].reduce<DataPolicyRequirement>(
    (all, policy) => combineRequirements(all, policy ?? NO_REQUIREMENT),
    options.dataPolicy ?? NO_REQUIREMENT,
  );
}

/** Why a target cannot take this request now, or true. */
export function availability(
  target: Target,
  breaker: CircuitBreaker,
  health: TargetHealth,
  requirement: DataPolicyRequirement,
  nowMs: number,
  budgets?: { targetBlock(target: BudgetedTarget): BlockingBudget | undefined },
): true | UnavailableReason {
  // Data policy first: a non-compliant target is never a candidate, whatever its health.
  if (isRequired(requirement) && !complies(target.dataPolicy, requirement)) return 'data_policy';
  if (!target.available) return 'missing_secret';
  if (budgets?.targetBlock(target)) return 'budget_blocked';
  // A target whose probes fail counts as circuit open until a probe succeeds.
  if (health.isDown(target.id) || !breaker.allowsRequest(nowMs)) return 'circuit_open';
  return true;
}

export function describe(reason: UnavailableReason): string {
  switch (reason) {
    case 'missing_secret':
      return 'its provider key is not configured';
    case 'circuit_open':
      return 'circuit open';
    case 'budget_blocked':
      return 'blocked by a budget';
    case 'data_policy':
      return 'does not meet the data policy';
  }
}
