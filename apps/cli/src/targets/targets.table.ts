import { formatTable } from '../shared/table.format.js';

/** The parts of the gateway's `GET /v1/targets` answer the table shows (read defensively: it crosses a process boundary). */
export interface TargetRow {
  readonly id: string;
  readonly provider: string;
  readonly model: string;
  readonly health: { readonly ok: boolean; readonly at: string } | null;
  readonly breaker: { readonly state: string };
  readonly latency: { readonly p50_ms: number | null; readonly p95_ms: number | null };
  readonly in_flight: number;
  readonly budget: string;
}

export interface TargetsAnswer {
  readonly pack: { readonly name: string; readonly version: string };
  readonly window_seconds: number;
  readonly targets: readonly TargetRow[];
}

export function isTargetsAnswer(value: unknown): value is TargetsAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const answer = value as Partial<TargetsAnswer>;
  return (
    typeof answer.pack?.name === 'string' &&
    typeof answer.window_seconds === 'number' &&
    Array.isArray(answer.targets) &&
    answer.targets.every(
      (t: Partial<TargetRow>) => typeof t.id === 'string' && typeof t.breaker?.state === 'string',
    )
  );
}

const HEADERS = [
  'TARGET',
  'PROVIDER',
  'MODEL',
  'HEALTH',
  'BREAKER',
  'P50 MS',
  'P95 MS',
  'IN FLIGHT',
  'BUDGET',
];

/** A fixed-width table, one row per target, under a line naming the pack and the latency window. */
export function formatTargetsTable(answer: TargetsAnswer, nowMs: number): string {
  const rows = answer.targets.map((t) => [
    t.id,
    t.provider,
    t.model,
    health(t.health, nowMs),
    t.breaker.state,
    t.latency.p50_ms === null ? '—' : String(t.latency.p50_ms),
    t.latency.p95_ms === null ? '—' : String(t.latency.p95_ms),
    String(t.in_flight),
    t.budget,
  ]);
  const title = `pack ${answer.pack.name}@${answer.pack.version} · latency over ${answer.window_seconds} s`;
  return `${title}\n${formatTable(HEADERS, rows)}`;
}

function health(last: TargetRow['health'], nowMs: number): string {
  if (last === null) return 'unprobed';
  const ageSeconds = Math.max(0, Math.round((nowMs - Date.parse(last.at)) / 1000));
  return `${last.ok ? 'ok' : 'down'} ${ageSeconds}s ago`;
}
