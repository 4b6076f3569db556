export interface BackoffOptions {
  readonly baseDelayMs: number;
  /** Cap on the computed delay and on how long an upstream `Retry-After` is honoured. */
  readonly maxDelayMs: number;
  /** What the upstream asked for (see `retryAfterMs`); wins over the computed delay. */
  readonly retryAfterMs?: number;
  /** Uniform in [0, 1). */
  readonly random: () => number;
}

/**
 * Milliseconds to wait before retry number `attempt` (1 = the first retry) on the same target:
 * exponential with full jitter, uniform in [0, min(max, base · 2^(attempt-1))]. An upstream
 * Retry-After is honoured as given up to `maxDelayMs`; beyond it the answer is 'skip' —
 * move on to the next target rather than wait.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number | 'skip' {
  const { baseDelayMs, maxDelayMs, retryAfterMs, random } = options;
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > maxDelayMs) return 'skip';
    return Math.max(0, Math.ceil(retryAfterMs));
  }
  const exponent = Math.min(Math.max(1, Math.floor(attempt)) - 1, 52);
  const ceiling = Math.max(0, Math.min(maxDelayMs, baseDelayMs * 2 ** exponent));
  return Math.min(ceiling, Math.floor(random() * (ceiling + 1)));
}
