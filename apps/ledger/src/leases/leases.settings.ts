/** Headroom lease settings, resolved once from the ledger's environment (`LedgerEnv`). */
export interface LeasesSettings {
  readonly ttlMs: number;
  readonly reclaimMs: number;
}

export const LEASES_SETTINGS = Symbol('kt.ledger.leases-settings');
