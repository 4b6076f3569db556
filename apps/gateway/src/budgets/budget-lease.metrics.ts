import { Counter } from 'prom-client';
import { metricsRegistry } from '@kt/telemetry';

/** What became of a request whose lease the ledger did not grant normally. */
export type LeaseOutcome =
  /** The ledger could not be asked and budgets fail open: admitted without a reservation. */
  | 'admitted_unchecked'
  /** The ledger could not be asked and budgets fail closed: refused with 503. */
  | 'refused_unavailable'
  /** The ledger answered a 4xx: refused. */
  | 'refused_by_ledger';

const NAME = 'kt_gateway_budget_lease_failures_total';

/**
 * `kt_gateway_budget_lease_failures_total{outcome}`: every fail-open admission is counted here, so
 * spend outside the budgets' bound is visible on `/metrics`, not only in a rate-limited log line.
 * One series per process, whichever module instance asks for it first.
 */
export function leaseFailureCounter(): Counter<'outcome'> {
  const registry = metricsRegistry();
  const existing = registry.getSingleMetric(NAME);
  if (existing) return existing as Counter<'outcome'>;
  return new Counter({
    name: NAME,
    help: 'Block-budget lease requests the ledger did not answer with a grant, by what the gateway did: admitted_unchecked (fail open), refused_unavailable (fail closed), refused_by_ledger (a 4xx).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
}
