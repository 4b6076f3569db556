import { parseMicroUsd } from '@kt/contracts';
import type { LeaseTopUp } from './lease.account.js';

interface LeaseAnswer {
  readonly window_start?: unknown;
  readonly generation?: unknown;
  readonly granted_micro_usd?: unknown;
  readonly ttl_ms?: unknown;
}

/** `POST {ledger}/v1/leases`; rejects on a network error, a timeout, a non-200 or a malformed answer. */
export async function requestLeaseFromLedger(
  ledgerUrl: string,
  instance: string,
  budgetId: string,
  requestedMicroUsd: bigint,
  timeoutMs: number,
): Promise<LeaseTopUp> {
  const sentAtMs = Date.now();
  const answer = await fetch(new URL('/v1/leases', ledgerUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      budget_id: budgetId,
      gateway_instance: instance,
      requested_micro_usd: requestedMicroUsd.toString(),
    }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (answer.status !== 200) {
    await answer.arrayBuffer();
    throw new Error(`the ledger answered ${answer.status} to a lease request for budget ${budgetId}`);
  }
  const body = (await answer.json()) as LeaseAnswer;
  // Counted from when the request was sent, on this clock: never later than the ledger's expiry.
  if (
    typeof body.window_start !== 'string' ||
    typeof body.generation !== 'number' ||
    typeof body.granted_micro_usd !== 'string' ||
    typeof body.ttl_ms !== 'number'
  ) {
    throw new Error(`the ledger sent a malformed lease for budget ${budgetId}`);
  }
  return {
    windowStart: body.window_start,
    generation: body.generation,
    grantedMicroUsd: parseMicroUsd(body.granted_micro_usd),
    expiresAtMs: sentAtMs + body.ttl_ms,
  };
}
