import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';

/** The budgets feature's settings, read from the ledger's environment. */
export class BudgetsEnv {
  /** How often every budget is re-checked without traffic, so a period rolls over on time. */
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  KT_LEDGER_BUDGET_RECHECK_MS: number = 60_000;

  /**
   * Shifts the budgets' clock, for tests and demos of a period rollover only; 0 (the default) is the
   * real UTC time. Never set it in production.
   */
  @IsInt()
  KT_LEDGER_CLOCK_OFFSET_MS: number = 0;

  /** The consumer group reading `kt.budget-events.v1`; offsets live in Postgres, not in the group. */
  @IsString()
  @IsNotEmpty()
  KT_LEDGER_BUDGET_GROUP: string = 'kt-ledger-budgets';
}
