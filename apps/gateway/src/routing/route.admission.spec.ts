import { describe, expect, it } from 'vitest';
import { BudgetLeases } from '../budgets/budget-leases.service.js';
import { budgetState } from '../budgets/budget.fixture.js';
import { BudgetView } from '../state/budget.view.js';
import { BOUND, GATEWAY_SETTINGS_FIXTURE, leaseSettings, planInput } from './admission.fixture.js';
import { RouteAdmission } from './route.admission.js';

describe('RouteAdmission without a ledger', () => {
  const admission = new RouteAdmission(new BudgetLeases(GATEWAY_SETTINGS_FIXTURE, leaseSettings()));

  it('admits the plan synchronously, reserving nothing', () => {
    const admitted = admission.admit(planInput(), BOUND);
    expect(admitted).not.toBeInstanceOf(Promise);
    if (admitted instanceof Promise || !admitted.ok) throw new Error('not admitted synchronously');
    expect(admitted.plan.attempts.map((t) => t.id)).toEqual(['a', 'b']);
    expect(admitted.reservations).toBeUndefined();
    expect(admitted.settle).toBeUndefined();
  });

  it("passes the planner's refusal on, with what was planned", async () => {
    const budgets = new BudgetView();
    budgets.apply('b', budgetState('b', 'group:chat', { status: 'exhausted', remaining_micro_usd: '0' }));
    const admitted = await admission.admit(planInput(budgets), BOUND);
    expect(admitted).toMatchObject({
      ok: false,
      refusal: {
        code: 'budget_exceeded',
        message: 'Budget b (group:chat) is exhausted; nothing was sent upstream',
      },
      planned: { group: 'chat' },
    });
  });
});
