import { envInt } from './publisher.config.js';

/** How old the oldest spooled record may get before /readyz says degraded; `KT_SPOOL_MAX_AGE_SECONDS`. */
export const DEFAULT_SPOOL_MAX_AGE_SECONDS = 60;

export function spoolMaxAgeMs(env: Readonly<Record<string, string | undefined>> = process.env): number {
  return (envInt(env, 'KT_SPOOL_MAX_AGE_SECONDS') ?? DEFAULT_SPOOL_MAX_AGE_SECONDS) * 1000;
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
