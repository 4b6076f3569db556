import type { TargetPricing } from '@kt/pack';
import { priceTargetAttempt, type TargetAttemptPrice } from '@kt/pricing';
import type { TokenUsage } from '@kt/providers';
import { metricsRegistry, serviceLogger } from '@kt/telemetry';
import { Counter } from 'prom-client';
import type { AttemptRecord } from '../events/route.record.js';

const METRIC = 'kt_gateway_usage_unpriceable_total';

/**
 * How an attempt is priced beyond its target: `fallbackRate` is the pack's `pricing.fallback_rate`
 * (for a target nothing else prices); `estimated` says kt counted the usage itself (a stream that
 * ended without the upstream's final usage).
 */
export interface AttemptPricing {
  readonly fallbackRate: TargetPricing | undefined;
  readonly estimated?: boolean;
}

/** Targets already logged about by this process: a broken upstream is logged once, counted always. */
const logged = new Set<string>();

/**
 * Prices `attempt` into its record, the way the prober prices a probe (`priceTargetAttempt`). Never
 * throws: the upstream has answered and billed, so the request must still be answered, its budgets
 * settled and its event booked. A usage pricing refuses is capped and booked as an `estimate`
 * (`capped`); should pricing fail for any other reason the attempt is booked `unpriced` at 0
 * (`failed`) — a capped usage always prices, so that is a defect, not a figure the upstream can cause.
 * Either is counted on `kt_gateway_usage_unpriceable_total{provider,reason}` and logged once per target.
 */
export function priceAttemptRecord(attempt: AttemptRecord, usage: TokenUsage, pricing: AttemptPricing): void {
  let price: TargetAttemptPrice;
  let reason: 'capped' | 'failed' | undefined;
  try {
    price = priceTargetAttempt({
      target: attempt.target,
      packPricing: { fallbackRate: pricing.fallbackRate },
      usage,
      at: new Date(attempt.startedAtMs),
      ...(pricing.estimated === true && { estimated: true }),
    });
    if (price.capped === true) reason = 'capped';
  } catch {
    price = { microUsd: 0n, pricedBy: 'unpriced' };
    reason = 'failed';
  }
  attempt.costMicroUsd = price.microUsd;
  attempt.pricedBy = price.pricedBy;
  if (price.catalog !== undefined) attempt.catalog = price.catalog;
  if (reason !== undefined) report(attempt, reason);
}

function report(attempt: AttemptRecord, reason: 'capped' | 'failed'): void {
  const { id, vendor } = attempt.target;
  unpriceable().inc({ provider: vendor, reason });
  if (logged.has(id)) return;
  logged.add(id);
  // Bounded fields only: the target id and vendor come from the pack, the reason from this file.
  serviceLogger().warn(
    { target: id, provider: vendor, reason, priced_by: attempt.pricedBy },
    'upstream usage could not be priced as reported; booked as described by reason',
  );
}

function unpriceable(): Counter<'provider' | 'reason'> {
  const registry = metricsRegistry();
  const existing = registry.getSingleMetric(METRIC);
  if (existing !== undefined) return existing as Counter<'provider' | 'reason'>;
  return new Counter({
    name: METRIC,
    help: 'Attempts whose upstream usage could not be priced as reported: capped (booked as an estimate) or failed (booked unpriced).',
    labelNames: ['provider', 'reason'] as const,
    registers: [registry],
  });
}
