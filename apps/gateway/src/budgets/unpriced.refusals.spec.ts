import { describe, expect, it } from 'vitest';
import type { PackPricing } from '@kt/pack';
import { GatewayError } from '../errors/gateway.error.js';
import { budgetRefusal } from './budget.refusal.js';
import type { BlockingBudget, BudgetedTarget, RequestScopes } from '../state/budget.view.js';
import { UnpricedRefusals, withFallbackRate } from './unpriced.refusals.js';
import { maxAttemptCost } from './usage.bound.js';

/** The budget's refusal as the HTTP edge throws it. */
function refuseIfBlocked(budget: BlockingBudget | undefined): void {
  const refusal = budgetRefusal(budget);
  if (refusal) throw GatewayError.of(refusal);
}

const REFUSE: PackPricing = { unpricedUnderBlockBudget: 'refuse' };
const RATE = { inputMicroUsdPerMillion: 5_000_000n, outputMicroUsdPerMillion: 15_000_000n };
const RESERVE: PackPricing = { unpricedUnderBlockBudget: 'reserve', fallbackRate: RATE };
const UNPRICED = { id: 'azure-deployment', vendor: 'azure', model: 'my-deployment-name' };
const PRICED = { id: 'openai-main', vendor: 'openai', model: 'x', pricing: RATE };
const TEAM: BlockingBudget = { budgetId: 'b-team', scope: 'team:qa' };
const PROVIDER: BlockingBudget = { budgetId: 'b-azure', scope: 'provider:azure' };

function view(request: readonly BlockingBudget[], target: readonly BlockingBudget[] = []) {
  return {
    size: request.length + target.length,
    requestBlockBudgets: (_scopes: RequestScopes) => request,
    targetBlockBudgets: (_target: BudgetedTarget) => target,
  };
}

function refusals(budgets: ReturnType<typeof view>, pricing: PackPricing): UnpricedRefusals {
  return new UnpricedRefusals(budgets, pricing, { team: 'qa' }, new Date());
}

describe('unpriced targets under block budgets', () => {
  it('refuses a target nobody prices while a request-wide block budget covers the request', () => {
    const check = refusals(view([TEAM]), REFUSE);
    expect(check.refuses(UNPRICED)).toBe(true);
    expect(check.refuses(PRICED)).toBe(false);
    expect(check.refusal(UNPRICED.id)?.budgetId).toBe('b-team');
    expect(check.refusal(PRICED.id)).toBeUndefined();
  });

  it('refuses it under its own provider or target block budget too', () => {
    expect(refusals(view([], [PROVIDER]), REFUSE).refuses(UNPRICED)).toBe(true);
  });

  it('lets it through when no block budget covers the request (booked unpriced, as before)', () => {
    expect(refusals(view([]), REFUSE).refuses(UNPRICED)).toBe(false);
  });

  it('lets it through with reserve, reserving it at the fallback rate', () => {
    expect(refusals(view([TEAM], [PROVIDER]), RESERVE).refuses(UNPRICED)).toBe(false);
    const bound = { inputTokens: 1000, outputTokens: 100 };
    expect(maxAttemptCost(UNPRICED, bound, 4096)).toBe(0n);
    // 1000 × $5 + 100 × $15 per million = 6,500 µ$.
    expect(maxAttemptCost(withFallbackRate(UNPRICED, RESERVE), bound, 4096)).toBe(6_500n);
    // A target with its own price keeps it.
    const dearer = { ...PRICED, pricing: { inputMicroUsdPerMillion: 1n, outputMicroUsdPerMillion: 1n } };
    expect(maxAttemptCost(withFallbackRate(dearer, RESERVE), bound, 4096)).toBe(1n);
    expect(withFallbackRate(UNPRICED, REFUSE)).toBe(UNPRICED);
  });

  it('answers 402 budget_exceeded naming the target and the fixes', () => {
    const check = refusals(view([TEAM]), REFUSE);
    check.refuses(UNPRICED);
    let thrown: unknown;
    try {
      refuseIfBlocked(check.refusal(UNPRICED.id));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GatewayError);
    const error = thrown as GatewayError;
    expect(error.code).toBe('budget_exceeded');
    expect(error.message).toContain('Target azure-deployment has no price');
    expect(error.message).toContain('b-team (team:qa)');
    for (const fix of ['base_model', 'pricing', 'pricing.unpriced_under_block_budget: reserve'])
      expect(error.message).toContain(fix);
    // An ordinary exhausted budget keeps its message.
    expect(() => refuseIfBlocked(TEAM)).toThrow('Budget b-team (team:qa) is exhausted');
  });
});
