import type { FallbackTrigger, UpstreamErrorKind } from '@kt/contracts';

/** A failed attempt as the provider adapter reported it (an `UpstreamError` is one). */
export interface UpstreamFailure {
  readonly errorKind: UpstreamErrorKind;
  /** HTTP status from upstream; 0 or absent when no response arrived. */
  readonly status?: number;
  /** The client already received part of the answer: a cut stream can then only be reported. */
  readonly clientSawBytes?: boolean;
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

/**
 * Classifies one failed attempt: which trigger, retry here, move on, count against the breaker.
 * Where an answer arrived its status decides, not the adapter's word for it: an error event inside
 * a 200 stream is not a 429, whatever it calls itself.
 */
export function classifyFailure(failure: UpstreamFailure): FailureClassification {
  const status = failure.status ?? 0;
  switch (failure.errorKind) {
    case 'rate_limited':
    case 'service_unavailable':
    case 'server_error':
      return classifyStatus(status || 500);
    case 'client_error':
      // Status 0: the request could not be put in this vendor's terms, which is the request's fault.
      return classifyStatus(status || 400);
    case 'timeout':
      // Timeouts (and 504s) are not retried on the same target: waiting out the timeout again is
      // the retry × timeout pile-up peers suffer from; the next target is the better bet.
      return status ? classifyStatus(status) : targetFailure('timeout', false);
    case 'connection_error':
      return targetFailure('connection_error', true);
    case 'malformed_response':
      // The tokens of a garbled answer were probably billed: try another target, not the same one.
      return targetFailure('server_error', false);
    case 'stream_cut':
      return failure.clientSawBytes === true ? CUT_MID_STREAM : targetFailure('server_error', true);
    case 'aborted':
      return ABORTED;
  }
}

function classifyStatus(status: number): FailureClassification {
  if (status === 429) return targetFailure('rate_limit_exceeded', true);
  if (status === 503 || status === 529) return targetFailure('service_unavailable', true);
  if (status === 504) return targetFailure('server_error', false);
  if (status === 408) return targetFailure('timeout', false);
  if (status === 401 || status === 403) return CREDENTIAL_REJECTED;
  if (status >= 400 && status < 500) return CLIENT_ERROR;
  if (status >= 500 && status < 600) return targetFailure('server_error', true);
  // An error with a 1xx/2xx/3xx status is a broken exchange (an error event inside a 200 stream, a
  // redirect from a wrong base_url): the target's fault, but not worth repeating as is.
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
