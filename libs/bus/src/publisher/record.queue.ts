/**
 * A fixed-size FIFO ring: `push` allocates nothing and refuses when full, so the caller decides
 * where an overflowing record goes.
 */
export class RecordQueue<T> {
  private readonly slots: (T | undefined)[];
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new Error(`queue capacity: expected a positive integer, got ${capacity}`);
    }
    this.slots = new Array<T | undefined>(capacity).fill(undefined);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): boolean {
    if (this.count === this.capacity) return false;
    this.slots[(this.head + this.count) % this.capacity] = item;
    this.count += 1;
    return true;
  }

  /**
   * Removes and returns up to `max` items, oldest first, stopping before the total `weigh` would
   * pass `maxWeight`; the first item is always taken, however heavy.
   */
  take(max: number, maxWeight = Infinity, weigh: (item: T) => number = () => 0): T[] {
    const out: T[] = [];
    let weight = 0;
    while (out.length < max && this.count > 0) {
      const item = this.slots[this.head] as T;
      weight += weigh(item);
      if (out.length > 0 && weight > maxWeight) break;
      out.push(item);
      this.slots[this.head] = undefined;
      this.head = (this.head + 1) % this.capacity;
      this.count -= 1;
    }
    return out;
  }
}
