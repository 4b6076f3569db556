import { describe, expect, it } from 'vitest';
import { RecordQueue } from './record.queue.js';

describe('RecordQueue', () => {
  it('hands items back oldest first, across the end of the ring', () => {
    const queue = new RecordQueue<number>(3);
    expect([queue.push(1), queue.push(2)]).toEqual([true, true]);
    expect(queue.take(1)).toEqual([1]);
    expect([queue.push(3), queue.push(4)]).toEqual([true, true]);
    expect(queue.size).toBe(3);
    expect(queue.take(10)).toEqual([2, 3, 4]);
    expect(queue.size).toBe(0);
  });

  it('refuses an item when full and keeps what it holds', () => {
    const queue = new RecordQueue<string>(2);
    queue.push('a');
    queue.push('b');
    expect(queue.push('c')).toBe(false);
    expect(queue.take(2)).toEqual(['a', 'b']);
  });

  it.each([
    { maxWeight: 10, expected: [4, 5] },
    { maxWeight: 8, expected: [4] },
    { maxWeight: 1, expected: [4] },
    { maxWeight: 100, expected: [4, 5, 6] },
  ])('stops a take before the weight passes $maxWeight, but always takes one', ({ maxWeight, expected }) => {
    const queue = new RecordQueue<number>(4);
    [4, 5, 6].forEach((n) => queue.push(n));
    expect(queue.take(10, maxWeight, (n) => n)).toEqual(expected);
    expect(queue.size).toBe(3 - expected.length);
  });

  it('takes nothing from an empty queue', () => {
    expect(new RecordQueue<number>(1).take(5)).toEqual([]);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects capacity %s', (capacity) => {
    expect(() => new RecordQueue<number>(capacity)).toThrow(/positive integer/);
  });
});
