import type { Caller } from '@kt/contracts';
import type { ModelGroup, Target } from '@kt/pack';
import { resolveTargetPrice } from '@kt/pricing';
import { planAttempts, type AttemptPlan } from '@kt/routing';
import { budgetRefusal } from '../budgets/budget.refusal.js';
import type { BlockingBudget, BudgetView } from '../state/budget.view.js';
import { UnpricedRefusals, withFallbackRate } from '../budgets/unpriced.refusals.js';
import type { Refusal } from '../errors/gateway.error.js';
import type { TargetHealth } from '../state/target.health.js';
import type { PackRuntime } from '../runtime/pack.runtime.js';
import type { TargetStats } from '../state/target.stats.js';
import type { RouteOptions } from './route.options.js';
import { describeRequirement } from './data-policy.requirement.js';
import { availability, requestRequirement } from './target.availability.js';
import { noRouteRefusal } from './route.refusals.js';

export const NO_SKIPS: readonly Target[] = [];

/** Everything planning reads: the request, snapshots of what kt knows, and the clock. */
export interface PlanInput {
  readonly runtime: PackRuntime;
  readonly model: string;
  readonly kind: 'chat' | 'embeddings';
  readonly options: RouteOptions;
  readonly caller: Caller | null;
  readonly budgets: BudgetView;
  readonly health: TargetHealth;
  readonly stats: Pick<TargetStats, 'inFlight' | 'latency' | 'throughput'>;
  readonly nowMs: number;
  readonly random: () => number;
  /** Targets whose lease is out (the ledger granted no more): planned around like exhausted ones. */
  readonly leaseBlocked?: ReadonlyMap<string, BlockingBudget>;
}

/** What planning settled even when it then refuses: the route event records it either way. */
export interface Planned {
  readonly group: string;
  readonly strategy: string;
  /** Targets passed over because their breaker is open: they show in the event and error summary. */
  readonly circuitOpen: readonly Target[];
  /** When the plan was made: the skips are stamped with it, not with when the budgets let it through. */
  readonly nowMs: number;
}

export type PlanResult =
  | { readonly ok: true; readonly plan: AttemptPlan<Target, ModelGroup>; readonly planned: Planned }
  | { readonly ok: false; readonly refusal: Refusal; readonly planned?: Planned };

/**
 * Plans one request: which targets, in which order, or why none. Pure in what it decides: no
 * exceptions, no I/O; the refusal is data the HTTP edge turns into an answer.
 */
export function planRoute(input: PlanInput): PlanResult {
  const { runtime, model, options, budgets, nowMs, caller } = input;
  // Request-wide budgets refuse before anything is planned or sent upstream.
  const early = budgetRefusal(budgets.requestBlock({ team: caller?.team, keyId: caller?.key_id }));
  if (early) return { ok: false, refusal: early };
  const requirement = requestRequirement(runtime.pack, model, options);
  const semantic = options.semantic;
  const groupModel = semantic?.group ?? model;
  // Only when a budget is followed and the pack refuses unpriced targets: the usual request
  // (no budgets) allocates nothing for it.
  const unpriced =
    budgets.size === 0 || runtime.pack.pricing.unpricedUnderBlockBudget !== 'refuse'
      ? undefined
      : new UnpricedRefusals(
          budgets,
          runtime.pack.pricing,
          {
            team: caller?.team,
            keyId: caller?.key_id,
            group: runtime.table.byModel.get(groupModel)?.group.name,
          },
          new Date(nowMs),
        );
  const preferred = semantic?.target;
  const leaseBlocked = input.leaseBlocked;
  const plan = planAttempts(runtime.table, groupModel, {
    nowMs,
    ...(preferred !== undefined && { prompt: semantic?.route ?? '', semanticRoute: () => [preferred] }),
    random: input.random,
    inFlight: input.stats.inFlight,
    latency: input.stats.latency,
    throughput: input.stats.throughput,
    // lowest_cost ranks by the pack's price, else the catalog's, as the request would be billed.
    priceOf: (routable) => {
      const target = runtime.pack.targetsById.get(routable.id);
      return (
        target && resolveTargetPrice(withFallbackRate(target, runtime.pack.pricing), new Date(nowMs))?.price
      );
    },
    budgetHeadroom: (id) => {
      const target = runtime.pack.targetsById.get(id);
      return target && budgets.headroom(target);
    },
    isAvailable: (target) => {
      if (leaseBlocked?.has(target.id)) return 'budget_blocked';
      const breaker = runtime.breakers.get(target.id);
      const verdict = availability(target, breaker, input.health, requirement, nowMs, budgets);
      return verdict === true && unpriced?.refuses(target) === true ? 'budget_blocked' : verdict;
    },
  });
  if (!plan) {
    return {
      ok: false,
      refusal: {
        code: 'model_not_found',
        message: `The model "${model}" does not exist here. Available models: ${runtime.modelNames.join(', ')}`,
        details: { param: 'model' },
      },
    };
  }
  // Spend is attributed to the planned group, so that is the group whose budget applies. Its
  // refusal comes before the breakers' skips are recorded: the event names the group, no attempt.
  const groupRefusal = budgetRefusal(budgets.requestBlock({ group: plan.group.name }));
  if (groupRefusal) {
    const bare: Planned = { group: plan.group.name, strategy: plan.strategy, circuitOpen: NO_SKIPS, nowMs };
    return { ok: false, refusal: groupRefusal, planned: bare };
  }
  let circuitOpen: Target[] | undefined; // allocated only when a breaker is open
  for (const skipped of plan.skipped)
    if (skipped.reason === 'circuit_open') (circuitOpen ??= []).push(skipped.target);
  const planned: Planned = {
    group: plan.group.name,
    strategy: plan.strategy,
    circuitOpen: circuitOpen ?? NO_SKIPS,
    nowMs,
  };
  const groupKind = runtime.pack.targetsById.get(plan.group.targets[0] ?? '')?.kind;
  if (groupKind !== undefined && groupKind !== input.kind) {
    const serves = input.kind === 'chat' ? 'chat completions' : 'embeddings';
    return {
      ok: false,
      planned,
      refusal: {
        code: 'invalid_request_error',
        message: `The model "${model}" is a ${groupKind} model group and cannot serve ${serves}`,
        details: { param: 'model' },
      },
    };
  }
  if (plan.attempts.length > 0) return { ok: true, plan, planned };
  if (plan.skipped.length > 0 && plan.skipped.every((s) => s.reason === 'data_policy')) {
    const message =
      `No target of "${model}" meets the required data policy (${describeRequirement(requirement)}); ` +
      'nothing was sent upstream';
    return { ok: false, planned, refusal: { code: 'data_policy_violation', message } };
  }
  return { ok: false, planned, refusal: noRouteRefusal(plan, model, budgets, leaseBlocked, unpriced) };
}
