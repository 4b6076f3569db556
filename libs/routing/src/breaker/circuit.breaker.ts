export type BreakerState = 'closed' | 'open' | 'half_open';

export type TransitionReason =
  'failure_threshold' | 'cooldown_elapsed' | 'trial_failed' | 'trials_succeeded' | 'forced';

export interface BreakerTransition {
  readonly from: BreakerState;
  readonly to: BreakerState;
  readonly reason: TransitionReason;
  readonly atMs: number;
}

/** The pack's `providers.circuit_breaker`, as routing needs it. */
export interface CircuitBreakerOptions {
  /** false = never opens (every call passes); defaults to true. */
  readonly enabled?: boolean;
  /** Consecutive health failures that open the breaker. */
  readonly failureThreshold: number;
  readonly cooldownSeconds: number;
  /** Concurrent trial requests in half-open, and successes needed to close. */
  readonly halfOpenMaxRequests: number;
}

/**
 * One target's breaker: closed → open after `failureThreshold` consecutive failures → half-open
 * once `cooldownSeconds` have passed (at most `halfOpenMaxRequests` concurrent trials) →
 * closed after that many trial successes, or open again on any trial failure.
 * Time is always passed in; the open → half-open step happens when a call observes it.
 * Feed it only health failures (see `recordOutcome`): client errors must not open it.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private consecutiveFailures = 0;
  private openUntil = 0;
  private trialsInFlight = 0;
  private trialSuccesses = 0;
  private readonly enabled: boolean;
  private readonly threshold: number;
  private readonly cooldownMs: number;
  private readonly maxTrials: number;

  constructor(
    options: CircuitBreakerOptions,
    private readonly onTransition?: (transition: BreakerTransition) => void,
  ) {
    this.enabled = options.enabled ?? true;
    this.threshold = Math.max(1, Math.floor(options.failureThreshold));
    this.cooldownMs = Math.max(0, options.cooldownSeconds * 1000);
    this.maxTrials = Math.max(1, Math.floor(options.halfOpenMaxRequests));
  }

  state(nowMs: number): BreakerState {
    if (this.current === 'open' && nowMs >= this.openUntil)
      this.enter('half_open', 'cooldown_elapsed', nowMs);
    return this.current;
  }

  /** When the breaker stays open (epoch ms), for sharing with other gateways; undefined unless open. */
  openUntilMs(nowMs: number): number | undefined {
    return this.state(nowMs) === 'open' ? this.openUntil : undefined;
  }

  /** Would a request be let through now? Reserves nothing: use it when planning. */
  allowsRequest(nowMs: number): boolean {
    const state = this.state(nowMs);
    return state === 'closed' || (state === 'half_open' && this.trialsInFlight < this.maxTrials);
  }

  /** Lets a request through, reserving a trial slot in half-open. Call right before sending. */
  tryAcquire(nowMs: number): boolean {
    if (!this.allowsRequest(nowMs)) return false;
    if (this.current === 'half_open') this.trialsInFlight++;
    return true;
  }

  onSuccess(nowMs: number): void {
    const state = this.state(nowMs);
    if (state === 'closed') {
      this.consecutiveFailures = 0;
    } else if (state === 'half_open') {
      this.freeTrialSlot();
      this.trialSuccesses++;
      if (this.trialSuccesses >= this.maxTrials) this.enter('closed', 'trials_succeeded', nowMs);
    }
    // A late success while open (the request started before it opened) proves nothing.
  }

  onFailure(nowMs: number): void {
    if (!this.enabled) return;
    const state = this.state(nowMs);
    if (state === 'closed') {
      this.consecutiveFailures++;
      if (this.consecutiveFailures >= this.threshold)
        this.open(nowMs + this.cooldownMs, 'failure_threshold', nowMs);
    } else if (state === 'half_open') {
      this.open(nowMs + this.cooldownMs, 'trial_failed', nowMs);
    }
    // Late failures while open do not extend the cooldown.
  }

  /** A request ended without saying anything about health (client error, client gone): frees its slot. */
  release(nowMs: number): void {
    if (this.state(nowMs) === 'half_open') this.freeTrialSlot();
  }

  /** Opens until `untilMs` (e.g. a peer gateway or the prober saw it fail); never shortens an open period. */
  forceOpen(untilMs: number, nowMs: number): void {
    if (!this.enabled || untilMs <= nowMs) return;
    if (this.state(nowMs) === 'open') {
      this.openUntil = Math.max(this.openUntil, untilMs);
      return;
    }
    this.open(untilMs, 'forced', nowMs);
  }

  private open(untilMs: number, reason: TransitionReason, nowMs: number): void {
    this.openUntil = untilMs;
    this.enter('open', reason, nowMs);
  }

  private freeTrialSlot(): void {
    this.trialsInFlight = Math.max(0, this.trialsInFlight - 1);
  }

  private enter(to: BreakerState, reason: TransitionReason, atMs: number): void {
    const from = this.current;
    this.current = to;
    this.consecutiveFailures = 0;
    this.trialsInFlight = 0;
    this.trialSuccesses = 0;
    this.onTransition?.({ from, to, reason, atMs });
  }
}
