import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { CountingQueue } from './counting.queue.js';

describe('CountingQueue', () => {
  it('runs at most `limit` tasks at once, all of them, in order, and survives a failing one', async () => {
    const queue = new CountingQueue(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const task = (i: number) => async () => {
      running++;
      most = Math.max(most, running);
      await tick();
      await tick();
      running--;
      order.push(i);
      if (i === 3) throw new Error('count failed');
      return i;
    };
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => queue.run(task(i))));
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(9);
    // Every slot came back: the next task starts at once.
    expect(await queue.run(() => Promise.resolve('free'))).toBe('free');
  });
});
