import { describe, expect, it } from 'vitest';
import { CleanupStack } from './cleanup.stack.js';

describe('CleanupStack', () => {
  it('undoes the most recent step first', async () => {
    const order: string[] = [];
    const stack = new CleanupStack();
    for (const name of ['kafka', 'simulator', 'gateway'])
      stack.push(name, async () => {
        order.push(name);
      });
    await stack.runAll();
    expect(order).toEqual(['gateway', 'simulator', 'kafka']);
  });

  it('keeps going past a failing step and reports it by name', async () => {
    const ran: string[] = [];
    const stack = new CleanupStack();
    stack.push('first', async () => {
      ran.push('first');
    });
    stack.push('broken', async () => {
      throw new Error('kill failed');
    });
    expect(await stack.runAll()).toEqual(['broken: kill failed']);
    expect(ran).toEqual(['first']);
  });

  it('runs each step once when the end of the run and Ctrl-C both ask for it', async () => {
    let runs = 0;
    const stack = new CleanupStack();
    stack.push('server', async () => {
      runs += 1;
    });
    await Promise.all([stack.runAll(), stack.runAll()]);
    await stack.runAll();
    expect(runs).toBe(1);
  });
});
