/** The budgets feature's settings, resolved once from the ledger's environment (`LedgerEnv`). */
export interface BudgetsSettings {
  readonly recheckMs: number;
  readonly groupId: string;
  /** How long the admin API waits for the read model to apply an acknowledged event. */
  readonly applyTimeoutMs: number;
}

export const BUDGETS_SETTINGS = Symbol('kt.ledger.budgets-settings');

/** What the budgets run with when the caller does not say (the defaults of `LedgerEnv`). */
export const DEFAULT_BUDGETS_SETTINGS: BudgetsSettings = {
  recheckMs: 60_000,
  groupId: 'kt-ledger-budgets',
  applyTimeoutMs: 10_000,
};
