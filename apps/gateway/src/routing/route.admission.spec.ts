import { describe, expect, it } from 'vitest';
import { parsePack } from '@kt/pack';
import { BudgetLeases } from '../budgets/budget-leases.service.js';
import { budgetState } from '../budgets/budget.fixtures.js';
import { BudgetView } from '../budgets/budget.view.js';
import type { LeaseSettings } from '../budgets/lease.settings.js';
import { TargetHealth } from '../health/target.health.js';
import { PackRuntime } from '../runtime/pack.runtime.js';
import { TargetStats } from '../runtime/target.stats.js';
import { RouteAdmission } from './route.admission.js';
import type { PlanInput } from './route.planner.js';

const PACK = `
pack: { name: admission-test, version: "1.0.0", enabled: true }
providers:
  model_groups:
    - name: chat
      targets: [a]
  targets:
    - { id: a, provider: "openai:chat:gpt-5.4-mini" }
`;
// No ledger: block budgets are enforced from the budget states heard, nothing is reserved.
const NO_LEDGER: LeaseSettings = {
  ledgerUrl: undefined,
  serviceToken: '',
  failMode: 'open',
  requestsPerLease: 20,
  defaultMaxTokens: 4096,
  reservationTtlMs: 300_000,
  refusalRetryMs: 1000,
  timeoutMs: 2000,
};
const SETTINGS = { instanceId: 'gw-1', kafkaBrokers: 'x', timeouts: {} as never, secrets: {} };
const BOUND = { inputTokens: 10, outputTokens: 10 };

function input(budgets = new BudgetView()): PlanInput {
  const result = parsePack(PACK, { source: 'test', env: {} });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return {
    runtime: new PackRuntime(result.pack, {}),
    model: 'chat',
    kind: 'chat',
    options: {},
    caller: { key_id: 'k', team: 'qa' },
    budgets,
    health: new TargetHealth(),
    stats: new TargetStats(),
    nowMs: Date.now(),
    random: () => 0,
  };
}

describe('RouteAdmission without a ledger', () => {
  const admission = new RouteAdmission(new BudgetLeases(SETTINGS, NO_LEDGER));

  it('admits the plan, reserving nothing', async () => {
    const admitted = await admission.admit(input(), BOUND);
    expect(admitted.ok).toBe(true);
    if (!admitted.ok) return;
    expect(admitted.plan.attempts.map((t) => t.id)).toEqual(['a']);
    expect(admitted.reservations).toBeUndefined();
    expect(() => admitted.settle(5n)).not.toThrow();
  });

  it("passes the planner's refusal on, with what was planned", async () => {
    const budgets = new BudgetView();
    budgets.apply('b', budgetState('b', 'group:chat', { status: 'exhausted', remaining_micro_usd: '0' }));
    const admitted = await admission.admit(input(budgets), BOUND);
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
