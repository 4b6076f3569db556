import { describe, expect, it } from 'vitest';
import { DEFAULT_RESTART_POLICY, failuresAfter, restartDelay } from './restart.policy.js';

describe('restart policy', () => {
  const policy = DEFAULT_RESTART_POLICY;

  it('doubles the delay per quick failure up to the cap, then gives up', () => {
    expect([1, 2, 3, 4, 5].map((n) => restartDelay(n, policy))).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(restartDelay(3, { ...policy, maxDelayMs: 3000 })).toBe(3000);
    expect(restartDelay(6, policy)).toBeUndefined();
  });

  it('counts only deaths that follow each other quickly', () => {
    expect(failuresAfter(3, 5_000, policy)).toBe(4);
    expect(failuresAfter(3, 120_000, policy)).toBe(1);
  });
});
