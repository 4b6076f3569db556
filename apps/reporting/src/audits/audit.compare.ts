import {
  EMPTY_TOTALS,
  addTotals,
  diffRollups,
  rollup,
  spendKeyOf,
  totalsOf,
  type LedgerEntryRow,
  type SpendKey,
  type SpendRow,
  type SpendTotals,
} from '@kt/spend';

export type DifferenceKind = 'missing_in_ledger' | 'extra_in_ledger' | 'value';

/** One thing that differs: an event (by id) or a `spend_hourly` row (by its dimensions). */
export interface AuditDifference {
  readonly kind: DifferenceKind;
  readonly eventId?: string;
  readonly dimension?: SpendKey;
  readonly column: string;
  readonly replayed: string | null;
  readonly live: string | null;
}

export interface ProviderTotals {
  readonly provider: string;
  /** The provider-less group holds requests the gateway refused (absent from older audits). */
  readonly rejected?: boolean;
  readonly replayed: SpendTotals;
  readonly live: SpendTotals;
}

const ENTRY_COLUMNS: readonly (readonly [string, (r: LedgerEntryRow) => string])[] = [
  ['request_id', (r) => r.requestId],
  ['occurred_at', (r) => new Date(r.occurredAt).toISOString()],
  ['type', (r) => r.type],
  ['status', (r) => String(r.status)],
  ['provider', (r) => r.provider],
  ['target', (r) => r.target],
  ['group', (r) => r.group],
  ['model', (r) => r.model],
  ['team', (r) => r.team],
  ['key_id', (r) => r.keyId],
  ['input_tokens', (r) => String(r.inputTokens)],
  ['output_tokens', (r) => String(r.outputTokens)],
  ['cost_micro_usd', (r) => r.costMicroUsd.toString()],
  ['priced_by', (r) => r.pricedBy],
];

/** The column-by-column differences of one event's replayed entry and its live row. */
export function diffEntry(
  eventId: string,
  replayed: LedgerEntryRow,
  live: LedgerEntryRow,
): AuditDifference[] {
  return ENTRY_COLUMNS.flatMap(([column, read]) => {
    const r = read(replayed);
    const l = read(live);
    return r === l ? [] : [{ kind: 'value' as const, eventId, column, replayed: r, live: l }];
  });
}

/**
 * Compares the replayed entries with the live ones, streamed page by page so only the replayed
 * side is held in memory; keeps totals of both sides, overall and per provider.
 */
export class EntryComparison {
  private readonly unmatched: Map<string, LedgerEntryRow>;
  private readonly found: AuditDifference[] = [];
  private readonly liveByProvider = new Map<string, SpendTotals>();
  private liveTotals = EMPTY_TOTALS;
  /** Providers ('' only, in practice) with a rejected request on either side. */
  private readonly rejectedAt = new Set<string>();

  constructor(private readonly replayed: ReadonlyMap<string, LedgerEntryRow>) {
    this.unmatched = new Map(replayed);
  }

  takeLive(rows: readonly LedgerEntryRow[]): void {
    for (const live of rows) {
      const id = live.eventId.toLowerCase();
      const t = totalsOf(live);
      if (live.type === 'route.rejected') this.rejectedAt.add(live.provider);
      this.liveTotals = addTotals(this.liveTotals, t);
      this.liveByProvider.set(
        live.provider,
        addTotals(this.liveByProvider.get(live.provider) ?? EMPTY_TOTALS, t),
      );
      const mine = this.unmatched.get(id);
      if (mine === undefined) {
        this.found.push({
          kind: 'extra_in_ledger',
          eventId: id,
          column: 'event_id',
          replayed: null,
          live: id,
        });
        continue;
      }
      this.unmatched.delete(id);
      this.found.push(...diffEntry(id, mine, live));
    }
  }

  /** Everything found, missing entries included, sorted by kind then event id. */
  differences(): AuditDifference[] {
    const missing = [...this.unmatched.keys()].map((id): AuditDifference => ({
      kind: 'missing_in_ledger',
      eventId: id,
      column: 'event_id',
      replayed: id,
      live: null,
    }));
    return [...missing, ...this.found].sort(byKindThenEvent);
  }

  live(): SpendTotals {
    return this.liveTotals;
  }

  /** Side-by-side totals per provider, providers sorted by name. */
  byProvider(): ProviderTotals[] {
    const replayed = new Map<string, SpendTotals>();
    for (const r of this.replayed.values()) {
      replayed.set(r.provider, addTotals(replayed.get(r.provider) ?? EMPTY_TOTALS, totalsOf(r)));
      if (r.type === 'route.rejected') this.rejectedAt.add(r.provider);
    }
    const names = [...new Set([...replayed.keys(), ...this.liveByProvider.keys()])].sort();
    return names.map((provider) => ({
      provider,
      rejected: this.rejectedAt.has(provider),
      replayed: replayed.get(provider) ?? EMPTY_TOTALS,
      live: this.liveByProvider.get(provider) ?? EMPTY_TOTALS,
    }));
  }
}

/** The sum of the replayed entries. */
export function totalsOfEntries(rows: Iterable<LedgerEntryRow>): SpendTotals {
  let sum = EMPTY_TOTALS;
  for (const r of rows) sum = addTotals(sum, totalsOf(r));
  return sum;
}

/**
 * `spend_hourly` rows of the whole hours `[firstMs, endMs)` recomputed from the replayed entries,
 * compared with the live rows of those hours (a missing row compares as zeros).
 */
export function diffHourlyRollups(
  replayed: Iterable<LedgerEntryRow>,
  live: readonly SpendRow[],
  hours: { readonly firstMs: number; readonly endMs: number },
): AuditDifference[] {
  const inHours = [...replayed].filter((r) => {
    const h = Date.parse(spendKeyOf(r).hour);
    return h >= hours.firstMs && h < hours.endMs;
  });
  return diffRollups(rollup(inHours), live).map((d) => ({
    kind: 'value',
    dimension: d.key,
    column: d.column,
    replayed: d.expected,
    live: d.actual,
  }));
}

const KIND_ORDER: Readonly<Record<DifferenceKind, number>> = {
  missing_in_ledger: 0,
  extra_in_ledger: 1,
  value: 2,
};

function byKindThenEvent(a: AuditDifference, b: AuditDifference): number {
  const k = KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  if (k !== 0) return k;
  const ea = a.eventId ?? '';
  const eb = b.eventId ?? '';
  return ea < eb ? -1 : ea > eb ? 1 : 0;
}
