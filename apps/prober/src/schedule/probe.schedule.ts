// When each target is probed next. Pure: time and randomness come in as arguments.

/** Each interval is stretched or shrunk by up to this fraction, so targets drift apart instead of aligning. */
export const JITTER_FRACTION = 0.1;

/** A number in [0, 1), like `Math.random`. */
export type Random = () => number;

/** The first probe falls anywhere in the first interval, so a freshly loaded pack does not probe in one burst. */
export function firstDueMs(nowMs: number, intervalMs: number, random: Random): number {
  return nowMs + Math.floor(random() * intervalMs);
}

/** `intervalMs` ± `JITTER_FRACTION`, never below one millisecond. */
export function jitteredIntervalMs(intervalMs: number, random: Random): number {
  const jitter = intervalMs * JITTER_FRACTION * (2 * random() - 1);
  return Math.max(1, Math.round(intervalMs + jitter));
}

/**
 * The probe after the one due at `previousDueMs`, keeping the cadence when probes are quick; a
 * probe that overran its slot (slow upstream, paused process) is followed one interval after it ended,
 * never by a burst of catch-up probes.
 */
export function nextDueMs(previousDueMs: number, nowMs: number, intervalMs: number, random: Random): number {
  const due = previousDueMs + jitteredIntervalMs(intervalMs, random);
  return due > nowMs ? due : nowMs + jitteredIntervalMs(intervalMs, random);
}
