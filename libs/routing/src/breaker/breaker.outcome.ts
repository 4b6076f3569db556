import type { FailureClassification } from '../failure/failure.classifier.js';
import type { CircuitBreaker } from './circuit.breaker.js';

/**
 * Reports how an attempt ended: success, a health failure (opens the breaker eventually), or a
 * failure that says nothing about the target (client error, client gone), which only frees
 * a half-open trial slot.
 */
export function recordOutcome(breaker: CircuitBreaker, nowMs: number, failure?: FailureClassification): void {
  if (failure === undefined) breaker.onSuccess(nowMs);
  else if (failure.countsAgainstBreaker) breaker.onFailure(nowMs);
  else breaker.release(nowMs);
}
