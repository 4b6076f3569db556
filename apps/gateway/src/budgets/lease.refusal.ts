/**
 * The ledger answered a lease request with a 4xx: it refuses (unknown or alert-only budget, a
 * credential it does not accept, an amount it will not take). Always a refusal of the request,
 * never a reason to admit it without a reservation: only an unreachable ledger is that.
 */
export class LedgerLeaseRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'LedgerLeaseRefused';
  }
}

/** What the gateway does when the ledger cannot be asked at all (`KT_BUDGET_FAIL_MODE`). */
export type BudgetFailMode = 'open' | 'closed';
