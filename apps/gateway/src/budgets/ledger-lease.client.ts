import { parseMicroUsd } from '@kt/contracts';
import type { LeaseTopUp } from './lease.account.js';
import { LedgerLeaseRefused } from './lease.refusal.js';

interface LeaseAnswer {
  readonly window_start?: unknown;
  readonly generation?: unknown;
  readonly granted_micro_usd?: unknown;
  readonly ttl_ms?: unknown;
}

/** Where and as whom this gateway asks the ledger for leases. */
export interface LedgerLeaseEndpoint {
  readonly url: string;
  /** `KT_LEDGER_SERVICE_TOKEN`: a `gateway` token of the ledger's `LEDGER_TOKENS`. */
  readonly token: string;
  readonly instance: string;
  readonly timeoutMs: number;
}

// The ledger's reason is logged; bounded so a misbehaving ledger cannot flood the log.
const MAX_REASON_CHARS = 300;

/**
 * `POST {ledger}/v1/leases`. Rejects with `LedgerLeaseRefused` on a 4xx (a refusal), and with a
 * plain error on a network error, a timeout, a 5xx or a malformed answer (the ledger is unavailable).
 */
export async function requestLeaseFromLedger(
  endpoint: LedgerLeaseEndpoint,
  budgetId: string,
  requestedMicroUsd: bigint,
): Promise<LeaseTopUp> {
  const sentAtMs = Date.now();
  const answer = await fetch(new URL('/v1/leases', endpoint.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${endpoint.token}` },
    body: JSON.stringify({
      budget_id: budgetId,
      gateway_instance: endpoint.instance,
      requested_micro_usd: requestedMicroUsd.toString(),
    }),
    signal: AbortSignal.timeout(endpoint.timeoutMs),
  });
  if (answer.status >= 400 && answer.status < 500) {
    const reason = (await answer.text()).slice(0, MAX_REASON_CHARS);
    throw new LedgerLeaseRefused(
      answer.status,
      `the ledger refused a lease for budget ${budgetId} with ${answer.status}: ${reason}`,
    );
  }
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
