import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Max, Min, ValidateIf } from 'class-validator';
import type { BudgetFailMode } from './lease.refusal.js';

/** Headroom lease settings of the gateway; without `KT_LEDGER_URL` block budgets are enforced from state only. */
export class BudgetLeasesEnv {
  /** The ledger that grants headroom leases (e.g. `http://127.0.0.1:41004`). */
  @IsOptional()
  @IsString()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  KT_LEDGER_URL?: string;

  /** This gateway's credential towards the ledger: a `gateway` token of its `LEDGER_TOKENS`. */
  @ValidateIf((env: BudgetLeasesEnv) => env.KT_LEDGER_URL !== undefined)
  @IsString()
  @IsNotEmpty({
    message:
      "KT_LEDGER_SERVICE_TOKEN must be set when KT_LEDGER_URL is (a gateway token of the ledger's LEDGER_TOKENS)",
  })
  KT_LEDGER_SERVICE_TOKEN?: string;

  /**
   * When the ledger cannot be asked (network error, timeout, 5xx): `open` admits the request without
   * a reservation (counted and logged), `closed` refuses it with 503 `budget_unavailable`. A 4xx
   * from the ledger is a refusal in both modes.
   */
  @IsIn(['open', 'closed'], { message: 'KT_BUDGET_FAIL_MODE must be open or closed' })
  KT_BUDGET_FAIL_MODE: BudgetFailMode = 'open';

  /** How many of the current request's maximum cost to ask for when a lease runs out. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  KT_BUDGET_LEASE_REQUESTS: number = 20;

  /** Output tokens a request without `max_tokens` is reserved for. */
  @IsInt()
  @Min(1)
  KT_BUDGET_DEFAULT_MAX_TOKENS: number = 4096;

  /** How long an unsettled reservation holds headroom; longer than the longest request. */
  @IsInt()
  @Min(1000)
  KT_BUDGET_RESERVATION_TTL_MS: number = 300_000;

  /** After the ledger granted nothing more, how long a budget whose share ran out refuses without asking again. */
  @IsInt()
  @Min(0)
  KT_BUDGET_LEASE_RETRY_MS: number = 1_000;

  /** How long to wait for the ledger's answer before it counts as unavailable (see `KT_BUDGET_FAIL_MODE`). */
  @IsInt()
  @Min(100)
  KT_BUDGET_LEASE_TIMEOUT_MS: number = 2_000;
}
