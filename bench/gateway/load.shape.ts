/** One autocannon instance of a fixed-rate run: one connection, its share of the rate, its start. */
export interface LoadSlice {
  readonly rate: number;
  readonly startOffsetMs: number;
}

/**
 * autocannon's `overallRate` lets every connection send its per-second quota back to back at the
 * start of each second, so all connections burst together and the latency measured is the queue of
 * that burst. Splitting the rate over single-connection instances started evenly across one
 * second spreads the bursts, which is much closer to requests arriving at a steady rate.
 */
export function staggeredSlices(rate: number, connections: number): readonly LoadSlice[] {
  if (!Number.isInteger(rate) || rate < 1) throw new Error(`rate must be a positive integer, got ${rate}`);
  if (!Number.isInteger(connections) || connections < 1)
    throw new Error(`connections must be a positive integer, got ${connections}`);
  // A slice with rate 0 would mean "unlimited" to autocannon.
  const count = Math.min(rate, connections);
  const base = Math.floor(rate / count);
  const remainder = rate % count;
  return Array.from({ length: count }, (_, i) => ({
    rate: base + (i < remainder ? 1 : 0),
    startOffsetMs: Math.round((i * 1000) / count),
  }));
}
