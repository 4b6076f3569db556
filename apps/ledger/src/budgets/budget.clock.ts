/** Where budgets read the time, so a test can move it to a period's end. */
export interface BudgetClock {
  now(): number;
}

export const BUDGET_CLOCK = Symbol('kt.ledger.budget-clock');

/** The system clock shifted by `offsetMs` (0 in production). */
export function offsetClock(offsetMs: number): BudgetClock {
  return { now: () => Date.now() + offsetMs };
}
