import { envInt } from './publisher.config.js';

/** How old the oldest spooled record may get before /readyz says degraded; `KT_SPOOL_MAX_AGE_SECONDS`. */
export const DEFAULT_SPOOL_MAX_AGE_SECONDS = 60;

export function spoolMaxAgeMs(env: Readonly<Record<string, string | undefined>>): number {
  return (envInt(env, 'KT_SPOOL_MAX_AGE_SECONDS') ?? DEFAULT_SPOOL_MAX_AGE_SECONDS) * 1000;
}

/**
 * What an old spool does to readiness (`KT_SPOOL_READINESS`): `degrade` (default) keeps the service
 * ready and says `degraded` with the reason in /readyz, because a gateway that spools still serves and
 * every gateway would otherwise leave its load balancer at once during a Kafka outage; `fail` makes it
 * unready (503) for deployments that would rather shed traffic than pile events on disk.
 */
export function spoolAgeGatesReadiness(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.KT_SPOOL_READINESS;
  if (value === undefined || value === '' || value === 'degrade') return false;
  if (value === 'fail') return true;
  throw new Error('KT_SPOOL_READINESS: expected degrade or fail');
}

export interface SpoolAge {
  oldestSpooledAgeMs(): number;
}

/**
 * A readiness check (see `ReadinessService.register`): not ok, with the reason, while the oldest
 * record on the spool has waited longer than `maxAgeMs` — Kafka has been away (or refusing) too
 * long for the events to be only late. Ok again once the spool has drained below the threshold.
 */
export function spoolReadiness(
  publisher: SpoolAge,
  maxAgeMs: number,
  what = 'events',
): () => { readonly ok: boolean; readonly reason?: string } {
  return () => {
    const age = publisher.oldestSpooledAgeMs();
    if (age <= maxAgeMs) return { ok: true };
    return {
      ok: false,
      reason: `the oldest spooled ${what} have waited ${Math.floor(age / 1000)} s for Kafka (threshold ${Math.floor(maxAgeMs / 1000)} s)`,
    };
  };
}
