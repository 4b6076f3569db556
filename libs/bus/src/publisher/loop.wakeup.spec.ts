import { describe, expect, it } from 'vitest';
import { DeadlineError, Wakeup, withDeadline } from './loop.wakeup.js';

describe('Wakeup', () => {
  it('wakes a waiting loop on notify', async () => {
    const wakeup = new Wakeup();
    const woken = wakeup.wait(60_000);
    wakeup.notify();
    await expect(woken).resolves.toBeUndefined();
  });

  it('remembers a notify that came while nobody waited, once', async () => {
    const wakeup = new Wakeup();
    wakeup.notify();
    wakeup.notify();
    await wakeup.wait();
    const second = await Promise.race([wakeup.wait(50).then(() => 'timed out'), Promise.resolve('pending')]);
    expect(second).toBe('pending');
  });

  it('gives up waiting after the timeout', async () => {
    const began = Date.now();
    await new Wakeup().wait(20);
    expect(Date.now() - began).toBeGreaterThanOrEqual(15);
  });
});

describe('withDeadline', () => {
  it('passes the result of work that finishes in time', async () => {
    await expect(withDeadline(Promise.resolve(7), 1_000, 'send')).resolves.toBe(7);
  });

  it('rejects naming the work when it takes too long', async () => {
    const never = new Promise<number>(() => undefined);
    await expect(withDeadline(never, 10, 'send')).rejects.toThrow(
      new DeadlineError('send did not finish within 10 ms'),
    );
  });
});
