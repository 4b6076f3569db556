export type StopReason = 'timeout' | 'aborted';

/**
 * One upstream request's cancellation: a deadline that can be re-armed (time to first token,
 * then the total) and the caller's signal (client disconnect), both aborting the same request.
 * `reason` tells afterwards which of them fired, so the error can say timeout or aborted.
 */
export class Exchange {
  readonly startedAt = Date.now();
  private readonly controller = new AbortController();
  private stopped: StopReason | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onCallerAbort = (): void => this.stop('aborted');

  constructor(private readonly caller: AbortSignal) {
    if (caller.aborted) this.stop('aborted');
    else caller.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get reason(): StopReason | null {
    return this.stopped;
  }

  /** (Re)arms the deadline to `ms` from now. */
  deadlineIn(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.stop('timeout'), Math.max(0, ms));
  }

  /** Time left of a budget that started with the exchange. */
  remaining(budgetMs: number): number {
    return budgetMs - (Date.now() - this.startedAt);
  }

  /** Cancels the request as if the caller had gone away. */
  cancel(): void {
    this.stop('aborted');
  }

  /** Releases the timer and the caller listener; the request is left alone. */
  finish(): void {
    clearTimeout(this.timer);
    this.caller.removeEventListener('abort', this.onCallerAbort);
  }

  private stop(reason: StopReason): void {
    if (this.stopped !== null) return;
    this.stopped = reason;
    this.finish();
    this.controller.abort();
  }
}
