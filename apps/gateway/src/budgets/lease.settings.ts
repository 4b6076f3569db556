import type { BudgetFailMode } from './lease.refusal.js';

/** Headroom lease settings, validated at boot with the rest of the gateway's environment. */
export interface LeaseSettings {
  /** The ledger that grants headroom leases; without it block budgets are enforced from state only. */
  readonly ledgerUrl: string | undefined;
  readonly serviceToken: string;
  readonly failMode: BudgetFailMode;
  readonly requestsPerLease: number;
  readonly defaultMaxTokens: number;
  readonly reservationTtlMs: number;
  readonly refusalRetryMs: number;
  readonly timeoutMs: number;
}

export const LEASE_SETTINGS = Symbol('kt.gateway.lease-settings');
