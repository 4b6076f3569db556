import { describe, expect, it } from 'vitest';
import { LeaseAccount, type LeaseTopUp } from './lease.account.js';

const grant = (granted: bigint, overrides: Partial<LeaseTopUp> = {}): LeaseTopUp => ({
  windowStart: '2026-11-01T00:00:00.000Z',
  generation: 1,
  grantedMicroUsd: granted,
  expiresAtMs: 10_000,
  ...overrides,
});

function account(...grants: readonly LeaseTopUp[]): LeaseAccount {
  const lease = new LeaseAccount();
  for (const g of grants) lease.topUp(g);
  return lease;
}

describe('LeaseAccount', () => {
  it('reserves nothing before a grant', () => {
    expect(account().tryReserve(1n, 0, 1000)).toBeUndefined();
  });

  it('reserves up to the grant and no further', () => {
    const lease = account(grant(100n));
    expect(lease.tryReserve(60n, 0, 1000)).toBeDefined();
    expect(lease.tryReserve(40n, 0, 1000)).toBeDefined();
    expect(lease.tryReserve(1n, 0, 1000)).toBeUndefined();
  });

  it('releases the difference when a request settles below its reservation', () => {
    const lease = account(grant(100n));
    const hold = lease.tryReserve(100n, 0, 1000);
    lease.settle(hold!, 30n);
    expect(lease.free(0)).toBe(70n);
  });

  it('counts a settle above the reservation, so the overrun is paid back before new admissions', () => {
    const lease = account(grant(100n));
    lease.settle(lease.tryReserve(50n, 0, 1000)!, 120n);
    expect(lease.free(0)).toBe(-20n);
    expect(lease.tryReserve(0n, 0, 1000)).toBeUndefined();
  });

  it('lets an expired reservation go, but still counts its late settle', () => {
    const lease = account(grant(100n));
    const hold = lease.tryReserve(100n, 0, 1000);
    expect(lease.free(1000)).toBe(100n);
    lease.settle(hold!, 40n);
    expect(lease.free(1000)).toBe(60n);
  });

  it('refuses once the lease expired, until the ledger extends it', () => {
    const lease = account(grant(100n, { expiresAtMs: 500 }));
    expect(lease.tryReserve(10n, 500, 1000)).toBeUndefined();
    lease.topUp(grant(0n, { expiresAtMs: 2000 }));
    expect(lease.tryReserve(10n, 500, 1000)).toBeDefined();
  });

  it.each([
    ['a new generation', { generation: 2 }],
    ['a new window', { windowStart: '2026-12-01T00:00:00.000Z' }],
  ])('starts afresh on %s and ignores settles of the old lease', (_name, next) => {
    const lease = account(grant(100n));
    const old = lease.tryReserve(80n, 0, 1000);
    lease.topUp(grant(50n, next));
    expect(lease.free(0)).toBe(50n);
    lease.settle(old!, 80n);
    expect(lease.free(0)).toBe(50n);
  });
});
