import { LeaseAccount, type LeaseHold, type LeaseTopUp } from './lease.account.js';
import type { BlockingBudget } from '../state/budget.view.js';
import { clampLeaseAmount } from './lease.bounds.js';
import { LedgerLeaseRefused, type BudgetFailMode } from './lease.refusal.js';

/**
 * Asks the ledger for more of a budget's headroom; rejects with `LedgerLeaseRefused` when the ledger
 * refuses (4xx), with any other error when it cannot answer.
 */
export type RequestLease = (budgetId: string, requestedMicroUsd: bigint) => Promise<LeaseTopUp>;

export interface LeaseBookOptions {
  readonly requestLease: RequestLease;
  /** How many requests' worth of headroom to ask for at once, so the ledger is asked rarely. */
  readonly requestsPerLease: number;
  /** How long a reservation holds headroom if its request never settles (longer than any request). */
  readonly reservationTtlMs: number;
  /** Called when the ledger could not be asked (unreachable, timeout, 5xx), before `failMode` applies. */
  readonly onLedgerError: (budget: BlockingBudget, error: unknown) => void;
  /** Called when the ledger refused a lease (4xx); the request is refused. */
  readonly onLedgerRefusal?: (budget: BlockingBudget, error: LedgerLeaseRefused) => void;
  /** Unreachable ledger: `open` admits without a reservation (default), `closed` refuses as unavailable. */
  readonly failMode?: BudgetFailMode;
  /** After the ledger granted nothing, refuse without asking it again for this long (0: always ask). */
  readonly refusalRetryMs?: number;
  readonly now?: () => number;
}

/**
 * Admitted: settle with what the request cost. Refused: the block budget that refused, `exhausted`
 * when its share ran out or the ledger refused a lease, `unavailable` when the ledger could not be
 * asked and the fail mode is `closed`.
 */
export type Admission =
  | { readonly ok: true; settle(actualMicroUsd: bigint): void }
  | { readonly ok: false; readonly budget: BlockingBudget; readonly reason: RefusalReason };

export type RefusalReason = 'exhausted' | 'unavailable';

const NOTHING_TO_SETTLE: Admission = { ok: true, settle: () => undefined };
// A grant can be taken by concurrent requests before this one reserves; ask again a few times.
const MAX_TOP_UPS = 4;

/**
 * This instance's leases of every block budget it has met. Reserving only waits on the ledger when
 * a lease lacks headroom, and then one request per budget asks while the others wait for its answer.
 */
export class LeaseBook {
  private readonly accounts = new Map<string, LeaseAccount>();
  private readonly pending = new Map<string, Promise<bigint>>();
  /** Budget id → until when a share that ran out is not topped up (the ledger just granted nothing). */
  private readonly dryUntil = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly options: LeaseBookOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Reserves `maxCostMicroUsd` against every budget's lease, or none of them. */
  async admit(budgets: readonly BlockingBudget[], maxCostMicroUsd: bigint): Promise<Admission> {
    if (budgets.length === 0) return NOTHING_TO_SETTLE;
    // A client can inflate a request's maximum cost without bound; the reservation cannot exceed
    // what any lease can hold, so such a request is refused by the budget, never by an overflow.
    const amount = clampLeaseAmount(maxCostMicroUsd);
    const held: { account: LeaseAccount; hold: LeaseHold }[] = [];
    for (const budget of budgets) {
      const outcome = await this.reserve(budget, amount);
      if (outcome === 'refused' || outcome === 'unavailable') {
        for (const { account, hold } of held) account.settle(hold, 0n);
        return { ok: false, budget, reason: outcome === 'refused' ? 'exhausted' : 'unavailable' };
      }
      if (outcome !== 'unleased') held.push(outcome);
    }
    let settled = false;
    return {
      ok: true,
      settle: (actual) => {
        if (settled) return;
        settled = true;
        for (const { account, hold } of held) account.settle(hold, actual);
      },
    };
  }

  private async reserve(
    budget: BlockingBudget,
    amount: bigint,
  ): Promise<{ account: LeaseAccount; hold: LeaseHold } | 'refused' | 'unavailable' | 'unleased'> {
    let account = this.accounts.get(budget.budgetId);
    if (!account) this.accounts.set(budget.budgetId, (account = new LeaseAccount()));
    for (let round = 0; round < MAX_TOP_UPS; round++) {
      const hold = account.tryReserve(amount, this.now(), this.options.reservationTtlMs);
      if (hold) return { account, hold };
      // Keeps a dry budget from making every request wait on the ledger for another empty answer.
      if (this.now() < (this.dryUntil.get(budget.budgetId) ?? 0)) return 'refused';
      let granted: bigint;
      try {
        granted = await this.topUp(budget.budgetId, account, amount);
      } catch (error) {
        if (error instanceof LedgerLeaseRefused) {
          // A 4xx is the ledger's answer, not its absence: refuse, and do not ask again at once.
          this.options.onLedgerRefusal?.(budget, error);
          this.markDry(budget.budgetId);
          return 'refused';
        }
        this.options.onLedgerError(budget, error);
        return this.options.failMode === 'closed' ? 'unavailable' : 'unleased';
      }
      if (granted === 0n && account.free(this.now()) < amount) {
        this.markDry(budget.budgetId);
        return 'refused';
      }
    }
    const hold = account.tryReserve(amount, this.now(), this.options.reservationTtlMs);
    return hold ? { account, hold } : 'refused';
  }

  private markDry(budgetId: string): void {
    const retryMs = this.options.refusalRetryMs ?? 0;
    if (retryMs > 0) this.dryUntil.set(budgetId, this.now() + retryMs);
  }

  /** One ledger call per budget at a time; concurrent requests share its answer. */
  private topUp(budgetId: string, account: LeaseAccount, amount: bigint): Promise<bigint> {
    const running = this.pending.get(budgetId);
    if (running) return running;
    // Bounded: the ledger refuses larger asks, and a refusal would turn a big request into a 402.
    const wanted = clampLeaseAmount(amount * BigInt(this.options.requestsPerLease));
    const asked = this.options
      .requestLease(budgetId, wanted > 0n ? wanted : 1n)
      .then((grant) => {
        account.topUp(grant);
        return grant.grantedMicroUsd;
      })
      .finally(() => this.pending.delete(budgetId));
    this.pending.set(budgetId, asked);
    return asked;
  }
}
