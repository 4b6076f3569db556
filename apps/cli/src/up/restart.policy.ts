// When `kt up` restarts a part that died: soon, then less and less often, and not forever.

export interface RestartPolicy {
  /** Delay before the first restart; doubled for every further quick failure. */
  readonly baseDelayMs: number;
  /** The delay never grows beyond this. */
  readonly maxDelayMs: number;
  /** A part that ran at least this long before dying starts counting from scratch. */
  readonly stableAfterMs: number;
  /** After this many quick failures in a row, kt up stops restarting the part and says so. */
  readonly maxQuickFailures: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
  maxQuickFailures: 5,
};

/** The failure count after a death: one more if the part died quickly, else a fresh start at 1. */
export function failuresAfter(previous: number, ranMs: number, policy: RestartPolicy): number {
  return ranMs < policy.stableAfterMs ? previous + 1 : 1;
}

/** How long to wait before restart attempt `failures` (1-based), or `undefined` to give up. */
export function restartDelay(failures: number, policy: RestartPolicy): number | undefined {
  if (failures > policy.maxQuickFailures) return undefined;
  return Math.min(policy.baseDelayMs * 2 ** (failures - 1), policy.maxDelayMs);
}
