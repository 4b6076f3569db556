import { describe, expect, it } from 'vitest';
import type { LeaseTopUp } from './lease.account.js';
import { MAX_LEASE_MICRO_USD } from './lease.bounds.js';
import { LeaseBook, type Admission } from './lease.book.js';
import { LedgerLeaseRefused } from './lease.refusal.js';

const B1 = { budgetId: 'b1', scope: 'global' };
const B2 = { budgetId: 'b2', scope: 'team:qa' };

/** A ledger holding `headroom` per budget that grants what is asked while it lasts. */
function fakeLedger(headroom: bigint) {
  const left = new Map<string, bigint>();
  const calls: string[] = [];
  let failing = false;
  const requestLease = async (budgetId: string, requested: bigint): Promise<LeaseTopUp> => {
    calls.push(budgetId);
    await Promise.resolve();
    if (failing) throw new Error('ledger down');
    const free = left.get(budgetId) ?? headroom;
    const granted = requested < free ? requested : free;
    left.set(budgetId, free - granted);
    return { windowStart: 'w', generation: 1, grantedMicroUsd: granted, expiresAtMs: 1_000_000 };
  };
  return { requestLease, calls, fail: () => (failing = true) };
}

function book(ledger: ReturnType<typeof fakeLedger>, errors: string[] = []): LeaseBook {
  return new LeaseBook({
    requestLease: ledger.requestLease,
    requestsPerLease: 4,
    reservationTtlMs: 60_000,
    onLedgerError: (budget) => errors.push(budget.budgetId),
    now: () => 0,
  });
}

describe('LeaseBook', () => {
  it('admits every request without asking the ledger when no block budget applies', async () => {
    const ledger = fakeLedger(0n);
    expect((await book(ledger).admit([], 10n)).ok).toBe(true);
    expect(ledger.calls).toEqual([]);
  });

  it('asks the ledger once for several requests’ worth, then admits from the lease', async () => {
    const ledger = fakeLedger(1000n);
    const leases = book(ledger);
    for (let i = 0; i < 4; i++) expect((await leases.admit([B1], 10n)).ok).toBe(true);
    expect(ledger.calls).toEqual(['b1']);
  });

  it('shares one ledger call among concurrent requests and admits no more than the headroom', async () => {
    const ledger = fakeLedger(50n);
    const leases = book(ledger);
    const admissions = await Promise.all(Array.from({ length: 20 }, () => leases.admit([B1], 10n)));
    expect(admissions.filter((a) => a.ok)).toHaveLength(5);
    expect(ledger.calls.length).toBeLessThan(20);
  });

  it('frees the unused part of a reservation when the request settles', async () => {
    const leases = book(fakeLedger(20n));
    const first = await leases.admit([B1], 10n);
    const second = await leases.admit([B1], 10n);
    expect((await leases.admit([B1], 10n)).ok).toBe(false);
    if (first.ok) first.settle(2n);
    if (second.ok) second.settle(2n);
    expect((await leases.admit([B1], 10n)).ok).toBe(true);
  });

  it('names the budget that refused and keeps nothing reserved on the others', async () => {
    const ledger = fakeLedger(15n);
    const leases = book(ledger);
    const first: Admission = await leases.admit([B1, B2], 10n);
    expect(first.ok).toBe(true);
    const next = await leases.admit([B1, B2], 10n);
    expect(next).toEqual({ ok: false, budget: B1, reason: 'exhausted' });
    expect((await leases.admit([B2], 5n)).ok).toBe(true);
  });

  it('does not ask the ledger again for a while after it granted nothing', async () => {
    const ledger = fakeLedger(10n);
    let nowMs = 0;
    const leases = new LeaseBook({
      requestLease: ledger.requestLease,
      requestsPerLease: 1,
      reservationTtlMs: 60_000,
      onLedgerError: () => undefined,
      refusalRetryMs: 1000,
      now: () => nowMs,
    });
    expect((await leases.admit([B1], 10n)).ok).toBe(true);
    expect((await leases.admit([B1], 10n)).ok).toBe(false);
    expect(ledger.calls).toEqual(['b1', 'b1']);
    nowMs = 999;
    expect((await leases.admit([B1], 10n)).ok).toBe(false);
    expect(ledger.calls).toHaveLength(2);
    nowMs = 1000;
    expect((await leases.admit([B1], 10n)).ok).toBe(false);
    expect(ledger.calls).toHaveLength(3);
  });

  it('admits without a reservation and reports it while the ledger cannot be asked', async () => {
    const ledger = fakeLedger(0n);
    ledger.fail();
    const errors: string[] = [];
    expect((await book(ledger, errors).admit([B1], 10n)).ok).toBe(true);
    expect(errors).toEqual(['b1']);
  });

  describe('when the ledger does not grant', () => {
    const refusingLedger = (status: number) => {
      const asked: bigint[] = [];
      const requestLease = async (_budgetId: string, requested: bigint): Promise<LeaseTopUp> => {
        asked.push(requested);
        await Promise.resolve();
        throw new LedgerLeaseRefused(status, `the ledger refused with ${status}`);
      };
      return { requestLease, asked };
    };
    const options = (requestLease: (id: string, amount: bigint) => Promise<LeaseTopUp>) => ({
      requestLease,
      requestsPerLease: 20,
      reservationTtlMs: 60_000,
      onLedgerError: () => undefined,
      now: () => 0,
    });

    it.each([400, 401, 403, 404, 409])('refuses the request when the ledger answers %i', async (status) => {
      const refusals: number[] = [];
      const leases = new LeaseBook({
        ...options(refusingLedger(status).requestLease),
        onLedgerRefusal: (_budget, error) => refusals.push(error.status),
      });
      expect(await leases.admit([B1], 10n)).toMatchObject({ ok: false, budget: B1, reason: 'exhausted' });
      expect(refusals).toEqual([status]);
    });

    it('refuses as unavailable an unreachable ledger when failing closed, admits when open', async () => {
      const down = fakeLedger(1000n);
      down.fail();
      const closed = new LeaseBook({ ...options(down.requestLease), failMode: 'closed' });
      expect(await closed.admit([B1], 10n)).toMatchObject({ ok: false, reason: 'unavailable' });
      const open = new LeaseBook({ ...options(down.requestLease), failMode: 'open' });
      expect((await open.admit([B1], 10n)).ok).toBe(true);
    });

    it('never asks the ledger for more than it accepts, whatever the request’s maximum cost', async () => {
      const ledger = refusingLedger(400);
      await new LeaseBook(options(ledger.requestLease)).admit([B1], 10n ** 25n);
      expect(ledger.asked).toEqual([MAX_LEASE_MICRO_USD]);
    });

    it('refuses a request whose clamped maximum cost exceeds what the ledger grants', async () => {
      const ledger = fakeLedger(1_000_000n);
      expect(await book(ledger).admit([B1], 10n ** 25n)).toMatchObject({ ok: false, reason: 'exhausted' });
    });
  });
});
