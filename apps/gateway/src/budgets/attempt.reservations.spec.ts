import { describe, expect, it } from 'vitest';
import { AttemptReservations, type LeasedTarget } from './attempt.reservations.js';
import { budgetState } from './budget.fixture.js';
import { BudgetView } from '../state/budget.view.js';
import type { LeaseTopUp } from './lease.account.js';
import { LeaseBook } from './lease.book.js';
import { maxAttemptCost, type UsageBound } from './usage.bound.js';

// $1 / $2 per million tokens: with 1000 input and 500 output tokens an attempt costs at most 2000 µ$.
const A: LeasedTarget = {
  id: 'a-main',
  vendor: 'openai',
  model: 'm',
  pricing: { inputMicroUsdPerMillion: 1_000_000n, outputMicroUsdPerMillion: 2_000_000n },
};
const A2: LeasedTarget = { ...A, id: 'a-second' };
const B: LeasedTarget = { ...A, id: 'b-main', vendor: 'azure' };
const BOUND: UsageBound = { inputTokens: 1000, outputTokens: 500 };
const MAX = maxAttemptCost(A, BOUND, 4096);

/** A ledger that grants what is asked while `headroom` per budget lasts, and counts the calls. */
function fakeLedger(headroom: Readonly<Record<string, bigint>>) {
  const left = new Map(Object.entries(headroom));
  const calls: string[] = [];
  const requestLease = async (budgetId: string, requested: bigint): Promise<LeaseTopUp> => {
    calls.push(budgetId);
    await Promise.resolve();
    const free = left.get(budgetId) ?? 0n;
    const granted = requested < free ? requested : free;
    left.set(budgetId, free - granted);
    return { windowStart: 'w', generation: 1, grantedMicroUsd: granted, expiresAtMs: 1_000_000 };
  };
  return { requestLease, calls };
}

/** The gateway's wiring in small: a view with `scopes` as block budgets, one lease book, one request per call. */
function setup(scopes: Readonly<Record<string, string>>, headroom: Readonly<Record<string, bigint>>) {
  const view = new BudgetView();
  for (const [id, scope] of Object.entries(scopes)) view.apply(id, budgetState(id, scope));
  const ledger = fakeLedger(headroom);
  const book = new LeaseBook({
    requestLease: ledger.requestLease,
    requestsPerLease: 1,
    reservationTtlMs: 60_000,
    onLedgerError: () => undefined,
    now: () => 0,
  });
  const request = (): AttemptReservations =>
    new AttemptReservations(view, (covering, target) =>
      book.admit(covering, maxAttemptCost(target, BOUND, 4096)),
    );
  return { ledger, request };
}

describe('AttemptReservations', () => {
  it('enters a target no block budget covers at once, without asking the ledger', () => {
    const { ledger, request } = setup({ pa: 'provider:openai' }, {});
    expect(request().enter(B)).toBeUndefined();
    expect(ledger.calls).toEqual([]);
  });

  it('reserves the attempt’s maximum cost at the target’s price against its provider budget', async () => {
    const { ledger, request } = setup({ pa: 'provider:openai' }, { pa: MAX });
    expect(MAX).toBe(2000n);
    expect(await request().enter(A)).toBeUndefined();
    expect(ledger.calls).toEqual(['pa']);
  });

  it('keeps a target out for this request when its share ran out and the ledger grants nothing', async () => {
    const { request } = setup({ pa: 'provider:openai' }, { pa: MAX });
    expect(await request().enter(A)).toBeUndefined();
    const second = request();
    expect(await second.enter(A)).toEqual({ budgetId: 'pa', scope: 'provider:openai' });
    expect(second.enter(B)).toBeUndefined();
  });

  it.each([
    ['a failed attempt that cost nothing releases the whole reservation', 0n, true],
    ['an attempt settled below its maximum frees the rest', MAX / 2n, true],
    ['an attempt settled at its maximum frees nothing', MAX, false],
  ])('%s', async (_name, actual, secondFits) => {
    const { request } = setup({ pa: 'provider:openai' }, { pa: MAX + MAX / 2n });
    const first = request();
    expect(await first.enter(A)).toBeUndefined();
    first.settle(actual);
    const second = await request().enter(A);
    expect(second === undefined).toBe(secondFits);
  });

  it('reuses released headroom without asking the ledger again', async () => {
    const { ledger, request } = setup({ pa: 'provider:openai' }, { pa: MAX });
    const first = request();
    expect(await first.enter(A)).toBeUndefined();
    first.settle(0n);
    expect(await request().enter(A)).toBeUndefined();
    expect(ledger.calls).toEqual(['pa']);
  });

  it('holds the headroom of a reservation that has not settled yet', async () => {
    const { request } = setup({ pa: 'provider:openai' }, { pa: MAX * 2n });
    expect(await request().enter(A)).toBeUndefined();
    expect(await request().enter(A2)).toBeUndefined();
    expect((await request().enter(A))?.budgetId).toBe('pa');
  });

  it('settles once, however often it is asked', async () => {
    const { request } = setup({ pa: 'provider:openai' }, { pa: MAX * 2n });
    const first = request();
    expect(await first.enter(A)).toBeUndefined();
    first.settle(MAX);
    first.settle(MAX);
    expect(await request().enter(A)).toBeUndefined();
  });

  it('releases the previous target’s reservation when it moves on to the next', async () => {
    const { request } = setup({ pa: 'provider:openai' }, { pa: MAX });
    const moving = request();
    expect(await moving.enter(A)).toBeUndefined();
    expect(moving.enter(B)).toBeUndefined();
    expect(await request().enter(A)).toBeUndefined();
  });

  it('reserves on the provider and the target budget, or on neither', async () => {
    const { request } = setup({ pa: 'provider:openai', ta: 'target:a-main' }, { pa: MAX * 2n, ta: MAX });
    expect(await request().enter(A)).toBeUndefined();
    // The target budget is out: the provider reservation taken for this attempt is given back …
    expect((await request().enter(A))?.budgetId).toBe('ta');
    // … so a sibling target of the same provider still has one attempt's headroom.
    expect(await request().enter(A2)).toBeUndefined();
    expect((await request().enter(A2))?.budgetId).toBe('pa');
  });
});
