/**
 * Errors the broker gives for one record's content: sending that record again cannot succeed, so
 * it is dead-lettered and the stream moves on. Everything else (broker down, leader moving, a
 * timeout, a topic not created yet, a missing ACL) may pass and is retried without loss.
 */
const PER_RECORD_TYPES: ReadonlySet<string> = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TIMESTAMP',
]);

/**
 * The principal may not write a topic in the batch. An operator fixes that with an ACL, so the
 * publisher retries events (never losing one) but says what is wrong; only a dead letter, which
 * would otherwise hold up every event behind it, goes to the local file instead.
 */
const DENIED_TYPES: ReadonlySet<string> = new Set(['TOPIC_AUTHORIZATION_FAILED']);

export interface SendFailure {
  /**
   * `record`: this record (or one in the batch) can never be published; `denied`: an ACL refuses
   * a topic of the batch; `transient`: retry.
   */
  readonly kind: 'record' | 'denied' | 'transient';
  /** A short, bounded label: the broker's error type or the error's class name. */
  readonly reason: string;
}

interface ErrorLike {
  readonly name?: unknown;
  readonly type?: unknown;
  readonly cause?: unknown;
  readonly originalError?: unknown;
  readonly errors?: unknown;
}

/** Classifies a failed send by the broker error type found anywhere in its cause chain. */
export function classifySendError(error: unknown): SendFailure {
  const type = findProtocolType(error, 0);
  if (type !== undefined) return { kind: kindOf(type), reason: type };
  return { kind: 'transient', reason: errorName(error) };
}

function kindOf(type: string): SendFailure['kind'] {
  if (PER_RECORD_TYPES.has(type)) return 'record';
  return DENIED_TYPES.has(type) ? 'denied' : 'transient';
}

// kafkajs wraps the broker's error (retry exhausted, non-retriable, aggregate of partitions).
function findProtocolType(error: unknown, depth: number): string | undefined {
  if (depth > 8 || typeof error !== 'object' || error === null) return undefined;
  const e = error as ErrorLike;
  if (typeof e.type === 'string' && /^[A-Z_]{1,64}$/.test(e.type)) return e.type;
  const nested = [e.cause, e.originalError, ...(Array.isArray(e.errors) ? e.errors : [])];
  const found = nested.map((n) => (n === error ? undefined : findProtocolType(n, depth + 1)));
  // A per-record type anywhere wins: the other partitions' errors do not make it retriable.
  return found.find((t) => t !== undefined && PER_RECORD_TYPES.has(t)) ?? found.find((t) => t !== undefined);
}

function errorName(error: unknown): string {
  const name = error instanceof Error ? error.name : 'Error';
  return /^[A-Za-z0-9_]{1,64}$/.test(name) ? name : 'Error';
}
