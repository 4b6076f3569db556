/** The audits feature's settings, resolved once from the service's environment (`AuditsEnv`) (token `AUDIT_SETTINGS`). */
export interface AuditSettings {
  readonly topic: string;
  readonly ledgerGroup: string;
  readonly skewMs: number;
  readonly ledgerWaitMs: number;
  readonly keep: number;
  /** Most distinct events one audit's scratch projection may hold. */
  readonly maxEvents: number;
  /** Audits running at once; each holds a scratch projection of its range in memory. */
  readonly maxRunning: number;
  /** Differences listed in a report; all are counted. */
  readonly maxListed: number;
  /** Live entries read per query while comparing. */
  readonly pageSize: number;
}

export const AUDIT_SETTINGS = Symbol('kt.reporting.audit-settings');
