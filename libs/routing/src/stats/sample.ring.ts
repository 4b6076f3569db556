/**
 * The last `capacity` samples of one target: a timestamp and up to two values each, in typed
 * arrays so recording on the hot path allocates nothing.
 */
export class SampleRing {
  private readonly atMs: Float64Array;
  private readonly first: Float64Array;
  private readonly second: Float64Array;
  private next = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.atMs = new Float64Array(capacity);
    this.first = new Float64Array(capacity);
    this.second = new Float64Array(capacity);
  }

  push(atMs: number, first: number, second = 0): void {
    this.atMs[this.next] = atMs;
    this.first[this.next] = first;
    this.second[this.next] = second;
    this.next = (this.next + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
  }

  /** Visits the kept samples taken after `sinceMs` (exclusive); arrival order does not matter. */
  forEachAfter(sinceMs: number, visit: (first: number, second: number) => void): void {
    for (let index = 0; index < this.size; index++) {
      if (this.atMs[index]! > sinceMs) visit(this.first[index]!, this.second[index]!);
    }
  }
}

export const DEFAULT_SAMPLES_PER_TARGET = 256;

export function ringCapacity(capacity: number | undefined): number {
  const value = capacity ?? DEFAULT_SAMPLES_PER_TARGET;
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError('samples per target must be a positive integer');
  return value;
}
