import type { RouteEvent } from '@kt/contracts';
import { toEntryRow, type LedgerEntryRow } from '@kt/spend';

/** `[sinceMs, untilMs)` in epoch milliseconds, UTC. */
export interface AuditRange {
  readonly sinceMs: number;
  readonly untilMs: number;
}

/**
 * The audit's scratch projection: the entry row of every distinct route event whose `occurred_at`
 * lies in the range, keyed by lower-case event id. The first delivery of an id wins, as in the ledger.
 */
export class ScratchProjection {
  private readonly rows = new Map<string, LedgerEntryRow>();
  private duplicates = 0;

  constructor(
    private readonly range: AuditRange,
    private readonly maxEvents = Number.POSITIVE_INFINITY,
  ) {}

  /**
   * Folds one decoded event in; false when it is outside the range or a duplicate. Throws once the
   * range holds more than `maxEvents` distinct events (the whole fold is held in memory).
   */
  take(event: RouteEvent): boolean {
    const at = Date.parse(event.occurred_at);
    if (!(at >= this.range.sinceMs && at < this.range.untilMs)) return false;
    const id = event.event_id.toLowerCase();
    if (this.rows.has(id)) {
      this.duplicates += 1;
      return false;
    }
    if (this.rows.size >= this.maxEvents)
      throw new Error(
        `the range holds more than ${this.maxEvents} events, the most one audit keeps in memory (REPORTING_AUDIT_MAX_EVENTS): audit a shorter range`,
      );
    this.rows.set(id, toEntryRow(event));
    return true;
  }

  entries(): ReadonlyMap<string, LedgerEntryRow> {
    return this.rows;
  }

  duplicateCount(): number {
    return this.duplicates;
  }
}

/** The UTC hours wholly inside the range: `[first, end)` as epoch ms, empty when `end <= first`. */
export function wholeHours(range: AuditRange): { readonly firstMs: number; readonly endMs: number } {
  const hour = 3_600_000;
  return {
    firstMs: Math.ceil(range.sinceMs / hour) * hour,
    endMs: Math.floor(range.untilMs / hour) * hour,
  };
}
