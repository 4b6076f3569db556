/**
 * Sorts by a key computed once per item; equal keys keep their input (pack) order.
 * `compare` sees keys only, so callers can rank by number, bigint or "unknown last".
 */
export function rankBy<T, K>(
  items: readonly T[],
  keyOf: (item: T) => K,
  compare: (a: K, b: K) => number,
): T[] {
  const keyed = items.map((item, index) => ({ item, index, key: keyOf(item) }));
  keyed.sort((a, b) => compare(a.key, b.key) || a.index - b.index);
  return keyed.map((entry) => entry.item);
}

export const ascending = (a: number, b: number): number => a - b;
export const descending = (a: number, b: number): number => b - a;
