import { describe, expect, it } from 'vitest';
import { decideGrant, outstanding, type InstanceLease } from './lease.rule.js';

const lease = (instance: string, granted: bigint, applied: bigint, live = true): InstanceLease => ({
  instance,
  grantedMicroUsd: granted,
  appliedMicroUsd: applied,
  live,
});

describe('decideGrant', () => {
  it.each([
    ['grants what is asked when the budget is untouched', 1000n, 0n, [], 300n, 300n],
    ['grants only the remainder', 1000n, 900n, [], 300n, 100n],
    ['grants nothing once spent reaches the limit', 1000n, 1000n, [], 300n, 0n],
    ['grants nothing when overspent', 1000n, 1200n, [], 300n, 0n],
    ['subtracts the unspent part of another live lease', 1000n, 100n, [lease('b', 600n, 100n)], 900n, 400n],
    ['does not subtract a reclaimed lease', 1000n, 100n, [lease('b', 600n, 100n, false)], 900n, 900n],
    [
      'counts a lease spent beyond its grant as nothing outstanding',
      1000n,
      700n,
      [lease('b', 600n, 700n)],
      900n,
      300n,
    ],
    [
      'never hands the same headroom to two instances',
      1000n,
      0n,
      [lease('a', 500n, 0n), lease('b', 500n, 0n)],
      1n,
      0n,
    ],
    ['treats a negative request as nothing', 1000n, 0n, [], -5n, 0n],
  ])('%s', (_name, limit, spent, leases, requested, grant) => {
    const decision = decideGrant({
      limitMicroUsd: limit,
      spentMicroUsd: spent,
      leases,
      requester: 'a',
      requesterAppliedMicroUsd: leases.find((l) => l.instance === 'a')?.appliedMicroUsd ?? 0n,
      requestedMicroUsd: requested,
    });
    expect(decision.grantMicroUsd).toBe(grant);
  });

  it.each([
    ['a first lease starts from nothing', [], 300n, true],
    ['a live lease grows', [lease('a', 200n, 50n)], 500n, false],
    ['a reclaimed lease restarts at its applied spend', [lease('a', 200n, 50n, false)], 350n, true],
    ['a first lease after unleased spend starts at that spend', [lease('a', 0n, 50n, false)], 350n, true],
  ])('%s', (_name, leases, total, fresh) => {
    const decision = decideGrant({
      limitMicroUsd: 10_000n,
      spentMicroUsd: 50n,
      leases,
      requester: 'a',
      requesterAppliedMicroUsd: leases.find((l) => l.instance === 'a')?.appliedMicroUsd ?? 0n,
      requestedMicroUsd: 300n,
    });
    expect(decision).toMatchObject({ grantedTotalMicroUsd: total, fresh });
  });

  it('keeps spent plus every outstanding lease within the limit over many grants', () => {
    const leases = new Map<string, InstanceLease>();
    let spent = 0n;
    for (let round = 0; round < 50; round++) {
      const requester = round % 3 === 0 ? 'a' : round % 3 === 1 ? 'b' : 'c';
      const decision = decideGrant({
        limitMicroUsd: 5_000n,
        spentMicroUsd: spent,
        leases: [...leases.values()],
        requester,
        requesterAppliedMicroUsd: leases.get(requester)?.appliedMicroUsd ?? 0n,
        requestedMicroUsd: 700n,
      });
      const previous = leases.get(requester);
      // The instance spends half of what it holds; the ledger applies it.
      const applied = (previous?.appliedMicroUsd ?? 0n) + decision.grantMicroUsd / 2n;
      spent += decision.grantMicroUsd / 2n;
      leases.set(requester, lease(requester, decision.grantedTotalMicroUsd, applied));
      const bound = [...leases.values()].reduce((sum, l) => sum + outstanding(l), spent);
      expect(bound).toBeLessThanOrEqual(5_000n);
    }
  });
});
