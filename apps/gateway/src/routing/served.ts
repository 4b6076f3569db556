import type { Target } from '@kt/pack';
import type { CircuitBreaker } from '@kt/routing';
import type { Span } from '@kt/telemetry';
import type { Refusal } from '../errors/gateway.error.js';
import type { AttemptRecord } from '../events/route.record.js';
import type { PackRuntime } from '../runtime/pack.runtime.js';

/** A target answered; for a stream, the answer is still to be read and settled with `settleStream`. */
export interface Served<R> {
  readonly ok: true;
  readonly result: R;
  readonly target: Target;
  readonly attempt: AttemptRecord;
  readonly breaker: CircuitBreaker;
  readonly runtime: PackRuntime;
  /** Settles the request's budget reservations (a stream's, once it was read); idempotent. */
  readonly settleBudgets: () => void;
  /** The attempt's upstream span, still open for a stream (tracing on only). */
  readonly span?: Span;
}

/** The client went away while kt was still trying: nothing is answered, the event still records it. */
export interface ClientGone {
  readonly code: 'client_gone';
}

export const CLIENT_GONE: ClientGone = { code: 'client_gone' };

/** Why a request was not served: a refusal to answer, or a client that is no longer there. */
export type RouteFailure = Refusal | ClientGone;

export interface Unserved {
  readonly ok: false;
  readonly failure: RouteFailure;
}

/** What routing a request comes to: typed results, never exceptions, until the HTTP edge. */
export type Routed<R> = Served<R> | Unserved;
