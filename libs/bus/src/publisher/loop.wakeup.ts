/**
 * Lets the publisher's background loop sleep until there is work. `notify` is a field write when
 * the loop is busy, so the hot path can call it on every record.
 */
export class Wakeup {
  private waiter: (() => void) | undefined;
  private pending = false;

  notify(): void {
    const waiter = this.waiter;
    if (waiter === undefined) {
      this.pending = true;
      return;
    }
    this.waiter = undefined;
    waiter();
  }

  /** Resolves at the next `notify` (or at once if one came since the last wait), or after `timeoutMs`. */
  wait(timeoutMs?: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        clearTimeout(timer);
        if (this.waiter === done) this.waiter = undefined;
        resolve();
      };
      if (timeoutMs !== undefined) timer = setTimeout(done, timeoutMs);
      this.waiter = done;
    });
  }
}

export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
}

/** `work`, or a rejection once `ms` have passed; the work itself is not cancelled. */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
