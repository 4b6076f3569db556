import type { ModelGroup, Target } from '@kt/pack';
import type { UpstreamError } from '@kt/providers';
import type { AttemptPlan } from '@kt/routing';
import { budgetRefusal } from '../budgets/budget.refusal.js';
import type { BlockingBudget, BudgetView } from '../state/budget.view.js';
import type { UnpricedRefusals } from '../budgets/unpriced.refusals.js';
import type { AttemptSummary, Refusal } from '../errors/gateway.error.js';
import type { AttemptRecord } from '../events/route.record.js';
import { describe } from './target.availability.js';

// The answers a request gets when no upstream served it, with every attempt summarized.

function summary(attempts: readonly AttemptRecord[]): AttemptSummary[] {
  return attempts.map((a) => ({
    target: a.target.id,
    provider: a.target.vendor,
    status: a.status,
    error_kind: a.errorKind,
    latency_ms: Math.round(a.latencyMs),
  }));
}

/** A failure that must not move to another target: the upstream's 4xx is relayed as it was. */
export function clientFacing(error: UpstreamError, attempts: readonly AttemptRecord[]): Refusal {
  if (error.errorKind === 'client_error') {
    const status = error.status >= 400 && error.status < 500 ? error.status : 400;
    const message = error.body?.error?.message ?? error.message;
    // A request kt could not translate for the vendor names its field, as the upstream's own 400 would.
    const param = typeof error.body?.error?.param === 'string' ? error.body.error.param : undefined;
    return {
      code: 'invalid_request_error',
      message,
      details: { status, attempts: summary(attempts), ...(param !== undefined && { param }) },
    };
  }
  return exhausted([error], attempts);
}

export function exhausted(failures: readonly UpstreamError[], records: readonly AttemptRecord[]): Refusal {
  const attempts = summary(records);
  if (failures.length === 0) {
    return {
      code: 'no_healthy_target',
      message: 'Every target of this model has its circuit open',
      details: { attempts },
    };
  }
  if (failures.every((f) => f.errorKind === 'rate_limited')) {
    const waits = failures.map((f) => f.retryAfterMs).filter((ms): ms is number => ms !== null);
    const retryAfterSeconds = Math.max(1, Math.ceil((waits.length > 0 ? Math.min(...waits) : 1000) / 1000));
    return {
      code: 'rate_limited',
      message: 'Every target of this model is rate-limited; retry later',
      details: { attempts, retryAfterSeconds },
    };
  }
  const tried = attempts.map((a) => `${a.target} → ${a.error_kind ?? a.status}`).join(', ');
  return {
    code: 'upstream_error',
    message: `No upstream could serve the request (${tried})`,
    details: { attempts },
  };
}

/**
 * A plan with no target left. When only budgets (and data policy) stand in the way, waiting will not
 * help: the budget's 402 (or 503 when the ledger cannot be asked) rather than 503 no_healthy_target.
 */
export function noRouteRefusal(
  plan: AttemptPlan<Target, ModelGroup>,
  model: string,
  budgets: BudgetView,
  leaseBlocked: ReadonlyMap<string, BlockingBudget> | undefined,
  unpriced: UnpricedRefusals | undefined,
): Refusal {
  const blocked = plan.skipped.filter((s) => s.reason === 'budget_blocked');
  if (
    blocked.length > 0 &&
    plan.skipped.every((s) => s.reason === 'budget_blocked' || s.reason === 'data_policy')
  ) {
    const budget = blocked
      .map(
        (s) =>
          budgets.targetBlock(s.target) ?? leaseBlocked?.get(s.target.id) ?? unpriced?.refusal(s.target.id),
      )
      .find((b) => b !== undefined);
    const refusal = budgetRefusal(
      budget,
      leaseBlocked?.size ? 'has no headroom left for this request' : undefined,
    );
    if (refusal) return refusal;
  }
  const reasons = plan.skipped.map((s) => `${s.target.id}: ${describe(s.reason)}`).join('; ');
  return { code: 'no_healthy_target', message: `No target can serve "${model}" right now (${reasons})` };
}
