import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { PackPricing } from '@kt/pack';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../runtime/gateway.settings.js';
import { AttemptReservations, type TargetBlockBudgets } from './attempt.reservations.js';
import { leaseFailureCounter } from './budget-lease.metrics.js';
import { unavailableBudget } from './budget.refusal.js';
import type { BlockingBudget } from '../state/budget.view.js';
import { LeaseBook, type Admission, type RequestLease } from './lease.book.js';
import type { BudgetFailMode, LedgerLeaseRefused } from './lease.refusal.js';
import { LEASE_SETTINGS, type LeaseSettings } from './lease.settings.js';
import { requestLeaseFromLedger } from './ledger-lease.client.js';
import { withFallbackRate } from './unpriced.refusals.js';
import { maxAttemptCost, type PricedTarget, type UsageBound } from './usage.bound.js';

const ADMIT_ALL: Admission = { ok: true, settle: () => undefined };
const WARN_EVERY_MS = 60_000;

/** Asks the ledger for a lease; provided only where the ledger is another process's memory (specs). */
export const LEASE_CLIENT = Symbol('kt.gateway.lease-client');

/**
 * Headroom leases for block budgets, when `KT_LEDGER_URL` names a ledger: each request reserves its
 * maximum cost before any upstream call and settles its actual cost after. Without a ledger, nothing.
 * A 4xx from the ledger refuses the request; an unreachable ledger admits it unchecked (`open`, the
 * default) or refuses it with 503 (`closed`), per `KT_BUDGET_FAIL_MODE`.
 */
@Injectable()
export class BudgetLeases {
  private readonly logger = new Logger('budget-leases');
  private readonly book: LeaseBook | undefined;
  private readonly defaultOutputTokens: number;
  private readonly failMode: BudgetFailMode;
  private readonly failures = leaseFailureCounter();
  private lastWarningMs = 0;
  private lastRefusalWarningMs = 0;
  private unwarned = 0;

  constructor(
    @Inject(GATEWAY_SETTINGS) settings: GatewaySettings,
    @Inject(LEASE_SETTINGS) lease: LeaseSettings,
    @Optional() @Inject(LEASE_CLIENT) client?: RequestLease,
  ) {
    this.defaultOutputTokens = lease.defaultMaxTokens;
    this.failMode = lease.failMode;
    const ledgerUrl = lease.ledgerUrl;
    const endpoint =
      ledgerUrl === undefined
        ? undefined
        : {
            url: ledgerUrl,
            token: lease.serviceToken,
            instance: settings.instanceId,
            timeoutMs: lease.timeoutMs,
          };
    this.book =
      endpoint === undefined
        ? undefined
        : new LeaseBook({
            requestLease:
              client ?? ((budgetId, requested) => requestLeaseFromLedger(endpoint, budgetId, requested)),
            requestsPerLease: lease.requestsPerLease,
            reservationTtlMs: lease.reservationTtlMs,
            refusalRetryMs: lease.refusalRetryMs,
            failMode: this.failMode,
            onLedgerError: (budget, error) => this.unreachable(budget, error),
            onLedgerRefusal: (budget, error) => this.refused(budget, error),
          });
  }

  get enabled(): boolean {
    return this.book !== undefined;
  }

  /**
   * Reserves the most the request can cost on any of `targets` against every block budget's lease,
   * a target with no price of its own at the pack's fallback rate.
   */
  admit(
    budgets: readonly BlockingBudget[],
    targets: readonly PricedTarget[],
    bound: UsageBound,
    pricing: PackPricing,
  ): Promise<Admission> {
    if (!this.book || budgets.length === 0) return Promise.resolve(ADMIT_ALL);
    let most = 0n;
    for (const target of targets) {
      const cost = maxAttemptCost(withFallbackRate(target, pricing), bound, this.defaultOutputTokens);
      if (cost > most) most = cost;
    }
    return this.book.admit(budgets, most).then(asRefusal);
  }

  /**
   * The per-attempt reservations of one request on provider and target block budgets: each
   * attempt's maximum cost at its own target's price (or the pack's fallback rate). Undefined
   * without a ledger.
   */
  attemptReservations(
    budgets: TargetBlockBudgets,
    bound: UsageBound,
    pricing: PackPricing,
  ): AttemptReservations | undefined {
    const book = this.book;
    if (!book) return undefined;
    return new AttemptReservations(budgets, (covering, target) => {
      const most = maxAttemptCost(withFallbackRate(target, pricing), bound, this.defaultOutputTokens);
      return book.admit(covering, most).then(asRefusal);
    });
  }

  // Every admission is counted; the log says it once a minute with how many there were since.
  private unreachable(budget: BlockingBudget, error: unknown): void {
    const open = this.failMode === 'open';
    this.failures.inc({ outcome: open ? 'admitted_unchecked' : 'refused_unavailable' });
    this.unwarned++;
    const now = Date.now();
    if (now - this.lastWarningMs < WARN_EVERY_MS) return;
    const count = this.unwarned;
    this.lastWarningMs = now;
    this.unwarned = 0;
    const what = open
      ? 'admitting without a reservation (KT_BUDGET_FAIL_MODE=open)'
      : 'refusing with 503 budget_unavailable (KT_BUDGET_FAIL_MODE=closed)';
    this.logger.warn(
      `the ledger cannot be asked for a lease of budget ${budget.budgetId} (${String(error)}); ${what}; ` +
        `${count} such request(s) since the last warning`,
    );
  }

  // A refusal is the ledger's decision (or this gateway's misconfiguration): logged once a minute too.
  private refused(budget: BlockingBudget, error: LedgerLeaseRefused): void {
    this.failures.inc({ outcome: 'refused_by_ledger' });
    const now = Date.now();
    if (now - this.lastRefusalWarningMs < WARN_EVERY_MS) return;
    this.lastRefusalWarningMs = now;
    this.logger.warn(`${error.message}; refusing requests this budget covers (402 budget_exceeded)`);
  }
}

/** An `unavailable` refusal carries a budget that `refuseIfBlocked` answers with 503, not 402. */
function asRefusal(admission: Admission): Admission {
  if (admission.ok || admission.reason !== 'unavailable') return admission;
  return { ...admission, budget: unavailableBudget(admission.budget) };
}
