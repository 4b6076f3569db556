import type { SpendTotals } from '@kt/spend';
import type { AuditDifference, ProviderTotals } from './audit.compare.js';

export type AuditStatus = 'running' | 'done' | 'failed';
export type AuditPhase = 'replaying' | 'waiting_for_ledger' | 'comparing' | 'finished';

/** What a finished audit found. */
export interface AuditResult {
  readonly equal: boolean;
  readonly replayed: SpendTotals;
  readonly live: SpendTotals;
  readonly byProvider: readonly ProviderTotals[];
  /** The first differences (see `AuditSettings.maxListed`); `differenceCount` counts them all. */
  readonly differences: readonly AuditDifference[];
  readonly differenceCount: number;
  /** Distinct route events replayed in the range. */
  readonly events: number;
  readonly duplicates: number;
  /** Records that were not a valid route event (the ledger dead-letters those). */
  readonly undecodable: number;
  /** The whole hours compared with `spend_hourly`, `[from, to)`; from = to when none. */
  readonly hourlyFrom: string;
  readonly hourlyTo: string;
}

/** One audit, updated in place by its runner while it runs. */
export interface AuditRecord {
  readonly id: string;
  readonly since: string;
  readonly until: string;
  readonly createdAt: string;
  readonly requestedBy: string | null;
  status: AuditStatus;
  phase: AuditPhase;
  finishedAt: string | null;
  readonly progress: { read: number; total: number };
  /** Records the ledger had not applied yet when the comparison began (0 when caught up). */
  ledgerBehind: number | null;
  result: AuditResult | null;
  error: string | null;
}
