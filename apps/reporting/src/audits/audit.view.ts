import {
  spendKeyRecord,
  spendTotalsRecord,
  type SpendKeyRecord,
  type SpendTotals,
  type SpendTotalsRecord,
} from '@kt/spend';
import { usdString } from '../shared/decimal.format.js';
import type { AuditDifference } from './audit.compare.js';
import type { AuditRecord } from './audit.record.js';

export interface TotalsView extends SpendTotalsRecord {
  readonly cost_usd: string;
}

export type DimensionView = SpendKeyRecord;

export interface DifferenceView {
  readonly kind: AuditDifference['kind'];
  readonly event_id?: string;
  readonly dimension?: DimensionView;
  readonly column: string;
  readonly replayed: string | null;
  readonly live: string | null;
}

/** `GET /v1/audits/{id}`: counts and money as decimal strings, times RFC 3339 UTC. */
export interface AuditView {
  readonly id: string;
  readonly status: AuditRecord['status'];
  readonly phase: AuditRecord['phase'];
  readonly since: string;
  readonly until: string;
  readonly created_at: string;
  readonly finished_at: string | null;
  readonly requested_by: string | null;
  readonly progress: { readonly read: number; readonly total: number };
  /** False until the audit is done. */
  readonly equal: boolean;
  readonly ledger_behind: number | null;
  readonly replayed: TotalsView | null;
  readonly live: TotalsView | null;
  /** `rejected`: the provider-less group holds requests the gateway refused (else "(no provider)"). */
  readonly by_provider: readonly {
    provider: string;
    rejected: boolean;
    replayed: TotalsView;
    live: TotalsView;
  }[];
  readonly events: number | null;
  readonly duplicates: number | null;
  readonly undecodable: number | null;
  readonly hourly: { readonly from: string; readonly to: string } | null;
  readonly differences: readonly DifferenceView[];
  readonly difference_count: number;
  readonly error: string | null;
}

export function auditView(a: AuditRecord): AuditView {
  const r = a.result;
  return {
    id: a.id,
    status: a.status,
    phase: a.phase,
    since: a.since,
    until: a.until,
    created_at: a.createdAt,
    finished_at: a.finishedAt,
    requested_by: a.requestedBy,
    progress: { read: a.progress.read, total: a.progress.total },
    equal: r?.equal ?? false,
    ledger_behind: a.ledgerBehind,
    replayed: r ? totalsView(r.replayed) : null,
    live: r ? totalsView(r.live) : null,
    by_provider: (r?.byProvider ?? []).map((p) => ({
      provider: p.provider,
      rejected: p.rejected === true,
      replayed: totalsView(p.replayed),
      live: totalsView(p.live),
    })),
    events: r?.events ?? null,
    duplicates: r?.duplicates ?? null,
    undecodable: r?.undecodable ?? null,
    hourly: r ? { from: r.hourlyFrom, to: r.hourlyTo } : null,
    differences: (r?.differences ?? []).map(differenceView),
    difference_count: r?.differenceCount ?? 0,
    error: a.error,
  };
}

export function totalsView(t: SpendTotals): TotalsView {
  return { ...spendTotalsRecord(t), cost_usd: usdString(t.costMicroUsd) };
}

function differenceView(d: AuditDifference): DifferenceView {
  return {
    kind: d.kind,
    ...(d.eventId === undefined ? {} : { event_id: d.eventId }),
    ...(d.dimension === undefined ? {} : { dimension: spendKeyRecord(d.dimension) }),
    column: d.column,
    replayed: d.replayed,
    live: d.live,
  };
}
