// The side-by-side report `kt events replay` prints from `GET /v1/audits/{id}`.
import { noProviderLabel } from '@kt/spend';
import { formatTable } from '../shared/table.format.js';

export interface ReplayTotals {
  readonly requests: string;
  readonly errors: string;
  readonly input_tokens: string;
  readonly output_tokens: string;
  readonly cost_micro_usd: string;
  readonly cost_usd: string;
}

export interface ReplayDifference {
  readonly kind: 'missing_in_ledger' | 'extra_in_ledger' | 'value';
  readonly event_id?: string;
  readonly dimension?: Readonly<Record<string, string>>;
  readonly column: string;
  readonly replayed: string | null;
  readonly live: string | null;
}

/** The fields of an audit the CLI reads (the server sends more). */
export interface AuditAnswer {
  readonly id: string;
  readonly status: 'running' | 'done' | 'failed';
  readonly since: string;
  readonly until: string;
  readonly progress: { readonly read: number; readonly total: number };
  readonly equal: boolean;
  readonly ledger_behind: number | null;
  readonly replayed: ReplayTotals | null;
  readonly live: ReplayTotals | null;
  /** `rejected`: the provider-less group holds refused requests (absent from an older reporting). */
  readonly by_provider: readonly {
    provider: string;
    rejected?: boolean;
    replayed: ReplayTotals;
    live: ReplayTotals;
  }[];
  readonly events: number | null;
  readonly hourly: { readonly from: string; readonly to: string } | null;
  readonly differences: readonly ReplayDifference[];
  readonly difference_count: number;
  readonly error: string | null;
}

const COUNTERS = ['requests', 'errors', 'input_tokens', 'output_tokens', 'cost_micro_usd'] as const;
const RIGHT = ['left', 'right', 'right', 'left'] as const;

/** Totals side by side, the same per provider, then every difference listed; ends with the verdict. */
export function formatReplayReport(a: AuditAnswer): string {
  const parts = [`audit ${a.id}: route events occurred in [${a.since}, ${a.until})\n`];
  if (a.ledger_behind !== null && a.ledger_behind > 0) {
    parts.push(`warning: the ledger was still behind by ${a.ledger_behind} records when compared\n`);
  }
  if (a.replayed && a.live) {
    parts.push('\n', totalsTable('total', a.replayed, a.live));
  }
  // Spend lands on no provider only when no upstream was tried: requests the gateway rejected, or
  // failures before any attempt (a client gone first), named as every other report names them.
  for (const p of a.by_provider)
    parts.push('\n', totalsTable(noProviderLabel(p.provider, p.rejected === true), p.replayed, p.live));
  if (a.hourly && a.hourly.from !== a.hourly.to)
    parts.push(`\nspend_hourly compared for [${a.hourly.from}, ${a.hourly.to})\n`);
  if (a.differences.length > 0) {
    parts.push(
      '\n',
      formatTable(
        ['kind', 'where', 'column', 'replayed', 'live'],
        a.differences.map((d) => [d.kind, where(d), d.column, d.replayed ?? '—', d.live ?? '—']),
      ),
    );
    if (a.difference_count > a.differences.length) {
      parts.push(`… and ${a.difference_count - a.differences.length} more\n`);
    }
  }
  parts.push(
    a.equal
      ? `\nequal: ${a.events ?? 0} events replayed match the ledger\n`
      : `\nDIFFERENT: ${a.difference_count} difference(s) between replay and ledger\n`,
  );
  return parts.join('');
}

function totalsTable(label: string, replayed: ReplayTotals, live: ReplayTotals): string {
  const rows = COUNTERS.map((c) => [c, replayed[c], live[c], replayed[c] === live[c] ? '' : '≠']);
  return formatTable([label, 'replayed', 'live', ''], rows, { align: RIGHT });
}

function where(d: ReplayDifference): string {
  if (d.event_id !== undefined) return `event ${d.event_id}`;
  const k = d.dimension ?? {};
  return `hour ${k.hour ?? ''} ${['provider', 'target', 'group', 'model', 'team', 'key_id']
    .map((name) => `${name}=${k[name] ?? ''}`)
    .join(' ')}`;
}
