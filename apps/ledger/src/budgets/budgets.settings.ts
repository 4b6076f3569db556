/** The budgets feature's settings, resolved once from `BudgetsEnv`. */
export interface BudgetsSettings {
  readonly recheckMs: number;
  readonly groupId: string;
  /** How long the admin API waits for the read model to apply an acknowledged event. */
  readonly applyTimeoutMs: number;
}

export const BUDGETS_SETTINGS = Symbol('kt.ledger.budgets-settings');
