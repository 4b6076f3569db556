/** The pack's `fallback.triggers` vocabulary. */
export const FALLBACK_TRIGGERS = [
  'rate_limit_exceeded',
  'timeout',
  'service_unavailable',
  'server_error',
  'connection_error',
] as const;
export type FallbackTrigger = (typeof FALLBACK_TRIGGERS)[number];

/** How an upstream attempt failed, as the provider adapter saw it. */
export const UPSTREAM_ERROR_KINDS = [
  /** A response with an error status: `status` says which. */
  'http_error',
  /** No (complete) response within the target's timeout. */
  'timeout',
  'connection_refused',
  'connection_reset',
  'dns_failure',
  /** Any other failure to reach the target (unreachable host, TLS). */
  'connection_failed',
  /** A success status whose body could not be read as the vendor's format. */
  'malformed_body',
  /** The stream ended or broke before its first byte reached the client. */
  'stream_cut_before_first_byte',
  /** The stream broke after the client already received part of the answer. */
  'stream_cut_after_first_byte',
  /** The upstream said the prompt does not fit the model's context window. */
  'context_length_exceeded',
  /** The caller went away; the target did nothing wrong. */
  'aborted',
] as const;
export type UpstreamErrorKind = (typeof UPSTREAM_ERROR_KINDS)[number];

export interface UpstreamFailure {
  readonly errorKind: UpstreamErrorKind;
  /** HTTP status from upstream, when a response arrived. */
  readonly status?: number;
}

export interface FailureClassification {
  /** The `fallback.triggers` entry this failure matches; null when no trigger applies. */
  readonly trigger: FallbackTrigger | null;
  /** Sending the same request to the SAME target again (after backoff) may succeed. */
  readonly retryable: boolean;
  /** Another target may serve it (subject to `fallback.triggers` when `trigger` is set). */
  readonly fallbackAllowed: boolean;
  /** It says the target is unhealthy, so it counts towards opening its breaker. */
  readonly countsAgainstBreaker: boolean;
}

const targetFailure = (trigger: FallbackTrigger, retryable: boolean): FailureClassification => ({
  trigger,
  retryable,
  fallbackAllowed: true,
  countsAgainstBreaker: true,
});

/** The request itself is at fault: retrying it anywhere gives the same answer. */
const CLIENT_ERROR: FailureClassification = {
  trigger: null,
  retryable: false,
  fallbackAllowed: false,
  countsAgainstBreaker: false,
};

/**
 * Our credential for this target was refused (401/403): the same target will refuse again and
 * every request would, so it counts against the breaker; another target has its own
 * credential, so falling back is allowed whatever `fallback.triggers` lists.
 */
const CREDENTIAL_REJECTED: FailureClassification = {
  trigger: null,
  retryable: false,
  fallbackAllowed: true,
  countsAgainstBreaker: true,
};

/** Part of the answer already reached the client: nothing can be retried, but the target broke. */
const CUT_MID_STREAM: FailureClassification = {
  trigger: null,
  retryable: false,
  fallbackAllowed: false,
  countsAgainstBreaker: true,
};

/** The caller went away: nothing to retry and nothing learned about the target. */
const ABORTED: FailureClassification = CLIENT_ERROR;

// Timeouts (and 504s) are not retried on the same target: waiting out the timeout again is the
// retry × timeout pile-up peers suffer from; the next target is the better bet.
const BY_KIND: Readonly<Record<Exclude<UpstreamErrorKind, 'http_error'>, FailureClassification>> = {
  timeout: targetFailure('timeout', false),
  connection_refused: targetFailure('connection_error', true),
  connection_reset: targetFailure('connection_error', true),
  dns_failure: targetFailure('connection_error', true),
  connection_failed: targetFailure('connection_error', true),
  // The tokens of a garbled answer were probably billed: try another target, not the same one.
  malformed_body: targetFailure('server_error', false),
  stream_cut_before_first_byte: targetFailure('server_error', true),
  stream_cut_after_first_byte: CUT_MID_STREAM,
  context_length_exceeded: CLIENT_ERROR,
  aborted: ABORTED,
};

/** Classifies one failed attempt: which trigger, retry here, move on, count against the breaker. */
export function classifyFailure(failure: UpstreamFailure): FailureClassification {
  if (failure.errorKind !== 'http_error') return BY_KIND[failure.errorKind];
  return classifyStatus(failure.status);
}

function classifyStatus(status: number | undefined): FailureClassification {
  if (status === 429) return targetFailure('rate_limit_exceeded', true);
  if (status === 503 || status === 529) return targetFailure('service_unavailable', true);
  if (status === 504) return targetFailure('server_error', false);
  if (status === 408) return targetFailure('timeout', false);
  if (status === 401 || status === 403) return CREDENTIAL_REJECTED;
  if (status !== undefined && status >= 400 && status < 500) return CLIENT_ERROR;
  if (status !== undefined && status >= 500 && status < 600) return targetFailure('server_error', true);
  // An "error" with no status or a 1xx/2xx/3xx one is a broken exchange (e.g. a redirect from a
  // wrong base_url): the target's fault, but not worth repeating as is.
  return targetFailure('server_error', false);
}

/** Moves on to the next planned target? Fallback being enabled at all is the planner's concern. */
export function shouldFallBack(
  failure: FailureClassification,
  triggers: readonly FallbackTrigger[],
): boolean {
  if (!failure.fallbackAllowed) return false;
  return failure.trigger === null || triggers.includes(failure.trigger);
}
