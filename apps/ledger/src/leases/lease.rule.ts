/** One instance's lease of a budget in the current window, as the grant rule sees it. */
export interface InstanceLease {
  readonly instance: string;
  /** Everything granted to this instance in this window (since its last reclaim). */
  readonly grantedMicroUsd: bigint;
  /** This instance's cost in the window that the ledger has applied (its route events). */
  readonly appliedMicroUsd: bigint;
  /** False once the lease expired longer ago than the reclaim grace: its unused part is free again. */
  readonly live: boolean;
}

export interface GrantInput {
  readonly limitMicroUsd: bigint;
  /** Everything the ledger has applied to the budget's scope in the window, every instance included. */
  readonly spentMicroUsd: bigint;
  readonly leases: readonly InstanceLease[];
  readonly requester: string;
  /** The requester's applied cost in the window, also when it holds no lease yet. */
  readonly requesterAppliedMicroUsd: bigint;
  readonly requestedMicroUsd: bigint;
}

export interface GrantDecision {
  readonly grantMicroUsd: bigint;
  /** True when the requester's previous lease was reclaimed (or never existed): it starts afresh. */
  readonly fresh: boolean;
  /** The requester's granted total after this grant. */
  readonly grantedTotalMicroUsd: bigint;
  /** What was free before this grant: limit − spent − every live lease's unspent part. */
  readonly availableMicroUsd: bigint;
}

/**
 * Outstanding part of a live lease: granted but not yet seen spent. An instance never spends more
 * than it was granted, so granted − applied bounds what it may still add to `spent`.
 */
export function outstanding(lease: InstanceLease): bigint {
  if (!lease.live) return 0n;
  const unspent = lease.grantedMicroUsd - lease.appliedMicroUsd;
  return unspent > 0n ? unspent : 0n;
}

/**
 * The grant rule: hand out at most limit − spent − Σ outstanding. Then spent + Σ outstanding,
 * an upper bound of the final spend, never exceeds the limit (proof in docs/budgets.md).
 * A reclaimed (or first) lease restarts at the instance's applied spend.
 */
export function decideGrant(input: GrantInput): GrantDecision {
  let reserved = 0n;
  let own: InstanceLease | undefined;
  for (const lease of input.leases) {
    reserved += outstanding(lease);
    if (lease.instance === input.requester) own = lease;
  }
  const available = input.limitMicroUsd - input.spentMicroUsd - reserved;
  const requested = input.requestedMicroUsd > 0n ? input.requestedMicroUsd : 0n;
  const grant = available <= 0n ? 0n : requested < available ? requested : available;
  const fresh = own === undefined || !own.live;
  // A fresh lease covers only what comes next: what the instance spent before is already in `spent`.
  const base = own === undefined || fresh ? input.requesterAppliedMicroUsd : own.grantedMicroUsd;
  return {
    grantMicroUsd: grant,
    fresh,
    grantedTotalMicroUsd: base + grant,
    availableMicroUsd: available,
  };
}
