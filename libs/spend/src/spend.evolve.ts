import { parseMicroUsd, type RouteEvent } from '@kt/contracts';
import { addFlags, flagsOfEntry, NO_FLAGS, type SpendFlags } from './spend.flags.js';

/** The seven dimensions of a `spend_hourly` row; '' stands for "unknown" so the unique key works. */
export interface SpendKey {
  readonly hour: string;
  readonly provider: string;
  readonly target: string;
  readonly group: string;
  readonly model: string;
  readonly team: string;
  readonly keyId: string;
}

export interface SpendTotals {
  readonly requests: bigint;
  readonly errors: bigint;
  readonly inputTokens: bigint;
  readonly outputTokens: bigint;
  readonly costMicroUsd: bigint;
}

/** One `spend_hourly` row: its dimensions, spend counters and how its requests were priced. */
export interface SpendRow extends SpendKey, SpendTotals, SpendFlags {}

/** The columns of one `ledger_entries` row (the event itself goes in as jsonb beside them). */
export interface LedgerEntryRow extends Omit<SpendKey, 'hour'> {
  readonly eventId: string;
  readonly requestId: string;
  readonly occurredAt: string;
  readonly type: RouteEvent['type'];
  readonly status: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costMicroUsd: bigint;
  readonly pricedBy: string;
}

/** Rollup state: rows keyed by their dimensions (see `spendKeyString`). */
export type SpendState = ReadonlyMap<string, SpendRow>;

export const EMPTY_TOTALS: SpendTotals = {
  requests: 0n,
  errors: 0n,
  inputTokens: 0n,
  outputTokens: 0n,
  costMicroUsd: 0n,
};

/** The UTC hour start of an ISO timestamp, as ISO (`…T12:00:00.000Z`). */
export function hourStart(occurredAt: string): string {
  const ms = Date.parse(occurredAt);
  return new Date(ms - (((ms % 3_600_000) + 3_600_000) % 3_600_000)).toISOString();
}

/**
 * Where a request's spend is booked: the served target, else the last target tried (a failed
 * request may still have cost something there), else nothing known.
 */
export function toEntryRow(event: RouteEvent): LedgerEntryRow {
  const last = event.attempts.at(-1);
  const route = event.served ?? last;
  return {
    eventId: event.event_id,
    requestId: event.request_id,
    occurredAt: event.occurred_at,
    type: event.type,
    status: event.status,
    provider: route?.provider ?? '',
    target: route?.target ?? '',
    group: event.group ?? '',
    model: route?.upstream_model ?? event.requested_model,
    team: event.caller?.team ?? '',
    keyId: event.caller?.key_id ?? '',
    inputTokens: event.usage.input_tokens,
    outputTokens: event.usage.output_tokens,
    costMicroUsd: parseMicroUsd(event.cost.micro_usd),
    pricedBy: event.cost.priced_by,
  };
}

export function spendKeyOf(row: LedgerEntryRow): SpendKey {
  const { provider, target, group, model, team, keyId } = row;
  return { hour: hourStart(row.occurredAt), provider, target, group, model, team, keyId };
}

export function spendKeyString(k: SpendKey): string {
  return JSON.stringify([k.hour, k.provider, k.target, k.group, k.model, k.team, k.keyId]);
}

export function addTotals(a: SpendTotals, b: SpendTotals): SpendTotals {
  return {
    requests: a.requests + b.requests,
    errors: a.errors + b.errors,
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    costMicroUsd: a.costMicroUsd + b.costMicroUsd,
  };
}

export function totalsOf(row: LedgerEntryRow): SpendTotals {
  return {
    requests: 1n,
    errors: row.type === 'route.completed' ? 0n : 1n,
    inputTokens: BigInt(row.inputTokens),
    outputTokens: BigInt(row.outputTokens),
    costMicroUsd: row.costMicroUsd,
  };
}

/** Pure projection step: the rollup state after one route event (returns a new map). */
export function evolve(state: SpendState, event: RouteEvent): SpendState {
  const next = new Map(state);
  applyRow(next, toEntryRow(event));
  return next;
}

/** The in-place variant for batches: folds one entry row into a mutable rollup map. */
export function applyRow(state: Map<string, SpendRow>, row: LedgerEntryRow): void {
  const key = spendKeyOf(row);
  const id = spendKeyString(key);
  const before = state.get(id) ?? { ...key, ...EMPTY_TOTALS, ...NO_FLAGS };
  state.set(id, { ...key, ...addTotals(before, totalsOf(row)), ...addFlags(before, flagsOfEntry(row)) });
}

/** The rollup rows of a batch of entry rows. */
export function rollup(rows: readonly LedgerEntryRow[]): SpendRow[] {
  const state = new Map<string, SpendRow>();
  for (const row of rows) applyRow(state, row);
  return [...state.values()];
}
