/** One grant from the ledger, as the account applies it. */
export interface LeaseTopUp {
  readonly windowStart: string;
  readonly generation: number;
  readonly grantedMicroUsd: bigint;
  readonly expiresAtMs: number;
}

/** A reservation taken; settle it with what the request actually cost. */
export interface LeaseHold {
  readonly id: number;
  /** The lease it was taken under: settling it after the lease restarted changes nothing. */
  readonly lease: string;
}

interface Reservation {
  readonly amount: bigint;
  readonly expiresAtMs: number;
  readonly lease: string;
}

/**
 * This instance's lease of one block budget: what the ledger granted, minus what settled requests
 * cost, minus the live reservations of requests in flight. A reservation is never taken beyond it,
 * so this instance never spends more than it was granted (as long as estimates are upper bounds).
 */
export class LeaseAccount {
  private lease = '';
  private granted = 0n;
  private settled = 0n;
  private expiresAtMs = 0;
  private nextId = 1;
  private readonly reservations = new Map<number, Reservation>();

  /** Headroom left for new reservations now; expired reservations no longer hold any. */
  free(nowMs: number): bigint {
    let held = 0n;
    for (const [id, reservation] of this.reservations) {
      if (reservation.expiresAtMs <= nowMs) this.reservations.delete(id);
      else if (reservation.lease === this.lease) held += reservation.amount;
    }
    return this.granted - this.settled - held;
  }

  /** Reserves `amount` against a valid lease; undefined when it has expired or lacks the headroom. */
  tryReserve(amount: bigint, nowMs: number, ttlMs: number): LeaseHold | undefined {
    if (nowMs >= this.expiresAtMs || this.free(nowMs) < amount) return undefined;
    const hold = { id: this.nextId++, lease: this.lease };
    this.reservations.set(hold.id, { amount, expiresAtMs: nowMs + ttlMs, lease: this.lease });
    return hold;
  }

  /** Replaces a reservation with the actual cost; a late settle (expired) still counts what was spent. */
  settle(hold: LeaseHold, actualMicroUsd: bigint): void {
    this.reservations.delete(hold.id);
    if (hold.lease === this.lease) this.settled += actualMicroUsd;
  }

  /** Adds a grant; a new window or generation means the ledger restarted the lease, so the old one is dropped. */
  topUp(grant: LeaseTopUp): void {
    const lease = `${grant.windowStart}#${grant.generation}`;
    if (lease !== this.lease) {
      this.lease = lease;
      this.granted = 0n;
      this.settled = 0n;
    }
    this.granted += grant.grantedMicroUsd;
    this.expiresAtMs = grant.expiresAtMs;
  }
}
