import { Inject, Injectable, Logger } from '@nestjs/common';
import { loadEnv } from '@kt/service';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../runtime/gateway.settings.js';
import { AttemptReservations, type TargetBlockBudgets } from './attempt.reservations.js';
import { BudgetLeasesEnv } from './budget-leases.env.js';
import type { BlockingBudget } from './budget.view.js';
import { LeaseBook, type Admission } from './lease.book.js';
import { requestLeaseFromLedger } from './ledger-lease.client.js';
import { maxAttemptCost, type PricedTarget, type UsageBound } from './usage.bound.js';

const ADMIT_ALL: Admission = { ok: true, settle: () => undefined };

/**
 * Headroom leases for block budgets, when `KT_LEDGER_URL` names a ledger: each request reserves its
 * maximum cost before any upstream call and settles its actual cost after. Without a ledger, nothing.
 */
@Injectable()
export class BudgetLeases {
  private readonly logger = new Logger('budget-leases');
  private readonly book: LeaseBook | undefined;
  private readonly defaultOutputTokens: number;
  private lastWarningMs = 0;

  constructor(@Inject(GATEWAY_SETTINGS) settings: GatewaySettings) {
    const env = loadEnv(BudgetLeasesEnv);
    this.defaultOutputTokens = env.KT_BUDGET_DEFAULT_MAX_TOKENS;
    const ledgerUrl = env.KT_LEDGER_URL;
    this.book =
      ledgerUrl === undefined
        ? undefined
        : new LeaseBook({
            requestLease: (budgetId, requested) =>
              requestLeaseFromLedger(
                ledgerUrl,
                settings.instanceId,
                budgetId,
                requested,
                env.KT_BUDGET_LEASE_TIMEOUT_MS,
              ),
            requestsPerLease: env.KT_BUDGET_LEASE_REQUESTS,
            reservationTtlMs: env.KT_BUDGET_RESERVATION_TTL_MS,
            refusalRetryMs: env.KT_BUDGET_LEASE_RETRY_MS,
            onLedgerError: (budget, error) => this.warn(budget, error),
          });
  }

  get enabled(): boolean {
    return this.book !== undefined;
  }

  /** Reserves the most the request can cost on any of `targets` against every block budget's lease. */
  admit(
    budgets: readonly BlockingBudget[],
    targets: readonly PricedTarget[],
    bound: UsageBound,
  ): Promise<Admission> {
    if (!this.book || budgets.length === 0) return Promise.resolve(ADMIT_ALL);
    let most = 0n;
    for (const target of targets) {
      const cost = maxAttemptCost(target, bound, this.defaultOutputTokens);
      if (cost > most) most = cost;
    }
    return this.book.admit(budgets, most);
  }

  /**
   * The per-attempt reservations of one request on provider and target block budgets: each
   * attempt's maximum cost at its own target's price. Undefined without a ledger.
   */
  attemptReservations(budgets: TargetBlockBudgets, bound: UsageBound): AttemptReservations | undefined {
    const book = this.book;
    if (!book) return undefined;
    return new AttemptReservations(budgets, (covering, target) =>
      book.admit(covering, maxAttemptCost(target, bound, this.defaultOutputTokens)),
    );
  }

  // Fails open like the state follower: a ledger outage must not stop traffic; said once a minute.
  private warn(budget: BlockingBudget, error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarningMs < 60_000) return;
    this.lastWarningMs = now;
    this.logger.warn(
      `no headroom lease for budget ${budget.budgetId} (${String(error)}); admitting without a reservation`,
    );
  }
}
