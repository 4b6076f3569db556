import { IsInt, Max, Min } from 'class-validator';

/** Headroom lease settings, read from the ledger's environment. */
export class LeasesEnv {
  /** How long a grant is valid; the gateway asks again (and extends it) before using it after that. */
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  KT_LEDGER_LEASE_TTL_MS: number = 30_000;

  /**
   * How long after expiry a silent instance's unused lease is still held. It must exceed the
   * gateways' longest request plus the spend projection's lag, so reclaimed headroom is really unused.
   */
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  KT_LEDGER_LEASE_RECLAIM_MS: number = 600_000;
}

export interface LeasesSettings {
  readonly ttlMs: number;
  readonly reclaimMs: number;
}

export const LEASES_SETTINGS = Symbol('kt.ledger.leases-settings');
