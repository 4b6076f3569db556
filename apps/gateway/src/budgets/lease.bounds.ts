/**
 * The most one reservation, and one lease request, may be: USD 1e9 in micro-USD. It equals the
 * ledger's bound on `requested_micro_usd` (`apps/ledger/src/leases/lease-request.dto.ts`), so a
 * request whose maximum cost a client inflated (`max_tokens: 1e17`) asks for something the ledger
 * accepts, and is then refused by the budget like any request it cannot cover, never admitted
 * because the ledger rejected the number.
 */
export const MAX_LEASE_MICRO_USD = 1_000_000_000_000_000n;

/** `amount` bounded to [0, `MAX_LEASE_MICRO_USD`]. */
export function clampLeaseAmount(amount: bigint): bigint {
  if (amount < 0n) return 0n;
  return amount > MAX_LEASE_MICRO_USD ? MAX_LEASE_MICRO_USD : amount;
}
