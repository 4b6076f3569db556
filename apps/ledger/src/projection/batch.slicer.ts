import { decodeRouteEvent, type FailedRecord, type RouteEvent } from '@kt/contracts';
import type { PartitionSlice } from './spend.applier.js';

/** A record as it comes off a partition (the fields the ledger reads). */
export interface RawRecord {
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
}

export interface Poison {
  readonly record: FailedRecord;
  readonly reason: string;
}

export interface SlicedBatch {
  readonly slice: PartitionSlice;
  readonly poison: readonly Poison[];
}

/** Decodes one partition's records: valid route events go to the slice, the rest become poison. */
export function sliceBatch(
  consumer: string,
  topic: string,
  partition: number,
  records: readonly RawRecord[],
): SlicedBatch {
  const events: RouteEvent[] = [];
  const offsets: string[] = [];
  const texts: string[] = [];
  const poison: Poison[] = [];
  for (const r of records) {
    const decoded = r.value === null ? null : decodeRouteEvent(r.value);
    if (decoded?.ok) {
      events.push(decoded.value);
      offsets.push(r.offset);
      texts.push(r.value?.toString('utf8') ?? '');
    } else {
      const reason = decoded ? decoded.reason : 'empty record (tombstone)';
      poison.push({ record: { topic, partition, offset: r.offset, key: r.key, value: r.value }, reason });
    }
  }
  const first = records[0]?.offset ?? '0';
  const last = records.at(-1)?.offset ?? '-1';
  return {
    slice: {
      consumer,
      topic,
      partition,
      offsets,
      events,
      texts,
      firstOffset: first,
      nextOffset: (BigInt(last) + 1n).toString(),
    },
    poison,
  };
}
