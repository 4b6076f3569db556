import type { PartitionSlice } from './spend.applier.js';

/**
 * A slice cut into one slice per event, contiguous in offsets, for applying a batch that failed
 * record by record: each starts where the previous ended (so the checkpoint check sees no gap) and
 * the last ends where the batch did (trailing poison included).
 */
export function splitPerRecord(slice: PartitionSlice): PartitionSlice[] {
  const parts: PartitionSlice[] = [];
  let from = slice.firstOffset;
  slice.events.forEach((event, i) => {
    const offset = slice.offsets[i] ?? from;
    const next = (BigInt(offset) + 1n).toString();
    parts.push({
      ...slice,
      offsets: [offset],
      events: [event],
      texts: [slice.texts[i] ?? '{}'],
      firstOffset: from,
      nextOffset: next,
    });
    from = next;
  });
  if (parts.length === 0 || BigInt(from) < BigInt(slice.nextOffset))
    parts.push({
      ...slice,
      offsets: [],
      events: [],
      texts: [],
      firstOffset: from,
      nextOffset: slice.nextOffset,
    });
  return parts;
}

/** The same slice without its events: applying it only moves the checkpoint. */
export function checkpointOnly(slice: PartitionSlice): PartitionSlice {
  return { ...slice, offsets: [], events: [], texts: [] };
}
