import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AttemptReservations } from '../budgets/attempt.reservations.js';
import { BudgetLeases } from '../budgets/budget-leases.service.js';
import { budgetState } from '../budgets/budget.fixture.js';
import { BudgetView } from '../state/budget.view.js';
import type { RequestLease } from '../budgets/lease.book.js';
import { LedgerLeaseRefused } from '../budgets/lease.refusal.js';
import type { LeaseSettings } from '../budgets/lease.settings.js';
import { BOUND, GATEWAY_SETTINGS_FIXTURE, leaseSettings, planInput } from './admission.fixture.js';
import { RouteAdmission } from './route.admission.js';

const START = Date.parse('2026-11-24T12:00:00Z');
const LEDGER_WAIT_MS = 5_000;

/**
 * The ledger in memory, behind the same `RequestLease` the HTTP client implements: it refuses the
 * budgets named in `refusing`, cannot be reached for those in `unreachable`, and grants the rest. Each
 * answer takes LEDGER_WAIT_MS of the (faked) clock, and `during` runs while the gateway waits.
 */
function ledger(
  refusing: string[],
  unreachable: string[] = [],
  during = (): void => undefined,
): RequestLease {
  return (budgetId) => {
    vi.setSystemTime(Date.now() + LEDGER_WAIT_MS);
    during();
    if (refusing.includes(budgetId)) return Promise.reject(new LedgerLeaseRefused(402, 'spent'));
    if (unreachable.includes(budgetId)) return Promise.reject(new Error('connect ECONNREFUSED'));
    return Promise.resolve({
      windowStart: '2026-11-01T00:00:00.000Z',
      generation: 1,
      grantedMicroUsd: 1_000_000_000n,
      expiresAtMs: Date.now() + 60_000,
    });
  };
}

function gate(client: RequestLease, overrides: Partial<LeaseSettings> = {}): RouteAdmission {
  const settings = leaseSettings({ ledgerUrl: 'http://127.0.0.1:9', ...overrides });
  return new RouteAdmission(new BudgetLeases(GATEWAY_SETTINGS_FIXTURE, settings, client));
}

/** Block budgets (status ok: they refuse only through their leases) on the given scopes. */
function budgets(...scopes: [string, string][]): BudgetView {
  const view = new BudgetView();
  for (const [id, scope] of scopes) view.apply(id, budgetState(id, scope));
  return view;
}

describe('RouteAdmission with a ledger', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(START);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("plans around a target whose lease is out, re-planning on the clock's time after the wait", async () => {
    const view = budgets(['b-openai', 'provider:openai']);
    const admitted = await gate(ledger(['b-openai'])).admit(planInput(view, START), BOUND);
    expect(admitted.ok).toBe(true);
    if (!admitted.ok) return;
    expect(admitted.plan.attempts.map((t) => t.id)).toEqual(['b']);
    expect(admitted.planned).toMatchObject({ group: 'chat', strategy: 'ordered' });
    expect(admitted.planned.nowMs).toBe(START + LEDGER_WAIT_MS);
  });

  it("answers the lease's 402 when every target's lease is out", async () => {
    const view = budgets(['b-openai', 'provider:openai'], ['b-anthropic', 'provider:anthropic']);
    const admitted = await gate(ledger(['b-openai', 'b-anthropic'])).admit(planInput(view, START), BOUND);
    expect(admitted).toMatchObject({
      ok: false,
      refusal: {
        code: 'budget_exceeded',
        message: /^Budget b-(openai|anthropic) \(provider:\w+\) has no headroom left for this request/,
      },
      planned: { group: 'chat', strategy: 'ordered' },
    });
  });

  it('keeps the group planned before when a request-wide budget refuses the re-plan', async () => {
    const view = budgets(['b-openai', 'provider:openai'], ['b-team', 'team:qa']);
    const exhaust = (): void =>
      view.apply(
        'b-team',
        budgetState('b-team', 'team:qa', { status: 'exhausted', remaining_micro_usd: '0' }),
      );
    const admitted = await gate(ledger(['b-openai'], [], exhaust)).admit(planInput(view, START), BOUND);
    expect(admitted).toMatchObject({
      ok: false,
      refusal: { code: 'budget_exceeded', message: /^Budget b-team \(team:qa\) is exhausted/ },
      planned: { group: 'chat', strategy: 'ordered', circuitOpen: [] },
    });
  });

  it("releases the target's reservation when the request-wide lease has no headroom", async () => {
    const settle = vi.spyOn(AttemptReservations.prototype, 'settle');
    const view = budgets(['b-openai', 'provider:openai'], ['b-team', 'team:qa']);
    const admitted = await gate(ledger(['b-team'])).admit(planInput(view, START), BOUND);
    expect(admitted).toMatchObject({
      ok: false,
      refusal: {
        code: 'budget_exceeded',
        message: 'Budget b-team (team:qa) has no headroom left for this request; nothing was sent upstream',
      },
      planned: { group: 'chat' },
    });
    expect(settle).toHaveBeenLastCalledWith(0n);
  });

  it('answers 503 budget_unavailable when the ledger cannot be reached and budgets fail closed', async () => {
    const view = budgets(['b-team', 'team:qa']);
    const client = ledger([], ['b-team']);
    const admitted = await gate(client, { failMode: 'closed' }).admit(planInput(view, START), BOUND);
    expect(admitted).toMatchObject({
      ok: false,
      refusal: {
        code: 'budget_unavailable',
        message: /^The budget service is unavailable, so budget b-team \(team:qa\) cannot be checked/,
        details: { eventCode: 'no_healthy_target', retryAfterSeconds: 5 },
      },
      planned: { group: 'chat' },
    });
  });
});
