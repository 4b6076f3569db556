/**
 * Whether a failed batch is worth retrying as is. PostgreSQL names the class of every error in its
 * SQLSTATE: data exceptions (22, e.g. a rollup that overflows bigint), integrity violations (23) and
 * program limits (54, e.g. `index row requires 300032 bytes, maximum size is 8191`) fail the same way
 * on every retry, so the record that causes them has to leave the stream. Everything else (no
 * connection, 08; serialization failures and deadlocks, 40; admin shutdown, 57P; errors without a
 * SQLSTATE, like a refused socket) may pass on a later attempt and is retried without loss.
 */
export type FailureKind = 'deterministic' | 'transient';

const DETERMINISTIC_CLASSES = new Set(['22', '23', '54']);
/** Longest database reason carried into a dead letter and a log line. */
export const MAX_REASON_CHARS = 500;

export function sqlState(error: unknown): string | undefined {
  const code = fieldOf(error, 'code') ?? fieldOf(fieldOf(error, 'driverError'), 'code');
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

export function failureKind(error: unknown): FailureKind {
  const state = sqlState(error);
  return state !== undefined && DETERMINISTIC_CLASSES.has(state.slice(0, 2)) ? 'deterministic' : 'transient';
}

/** The database's reason, bounded: `SQLSTATE 54000: index row requires 300032 bytes, …`. */
export function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const state = sqlState(error);
  const reason = state ? `SQLSTATE ${state}: ${message}` : message;
  return reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS - 1)}…` : reason;
}

function fieldOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
