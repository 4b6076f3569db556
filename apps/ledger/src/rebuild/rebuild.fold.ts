import type { PartitionSlice } from '../projection/spend.applier.js';
import { applyRow, toEntryRow, type LedgerEntryRow, type SpendRow } from '@kt/spend';

/**
 * A rebuild's in-memory state: the event ids seen (the de-dup the entries' key does for live
 * ingestion), the rollups so far and each partition's next offset. Rollups are written once at the end.
 */
export class RebuildFold {
  private readonly seen = new Set<string>();
  private readonly sums = new Map<string, SpendRow>();
  private readonly next = new Map<number, bigint>();

  /** The slice's events not seen before (first delivery wins), already folded into the rollups. */
  take(slice: PartitionSlice): LedgerEntryRow[] {
    const fresh: LedgerEntryRow[] = [];
    for (const event of slice.events) {
      const id = event.event_id.toLowerCase();
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      const row = toEntryRow(event);
      applyRow(this.sums, row);
      fresh.push(row);
    }
    const next = BigInt(slice.nextOffset);
    if (next > (this.next.get(slice.partition) ?? 0n)) this.next.set(slice.partition, next);
    return fresh;
  }

  rollups(): SpendRow[] {
    return [...this.sums.values()];
  }

  /** Partition → the offset to resume from, as decimal strings. */
  checkpoints(): ReadonlyMap<number, string> {
    return new Map([...this.next].map(([p, o]) => [p, o.toString()]));
  }

  /** Distinct UTC hours with spend, sorted (what `SpendApplied` announces). */
  hours(): string[] {
    return [...new Set(this.rollups().map((r) => r.hour))].sort();
  }
}
