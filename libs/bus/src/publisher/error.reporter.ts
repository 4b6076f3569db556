/**
 * Counts publisher errors by reason and passes them on at most once per `intervalMs` per reason,
 * saying how many like it were held back: a broker that is down for an hour is a few log lines a
 * minute, not one per attempt. Messages are the publisher's own or kafkajs' (which name brokers
 * and topics, never record contents); payloads are never part of them.
 */
export class ErrorReporter {
  private readonly counts = new Map<string, number>();
  private readonly last = new Map<string, { at: number; held: number }>();

  constructor(
    private readonly emit: (error: Error) => void,
    private readonly intervalMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Errors seen so far by reason (every one, also those held back from the log). */
  get byReason(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.counts);
  }

  report(reason: string, error: unknown): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
    const at = this.now();
    const previous = this.last.get(reason);
    if (previous !== undefined && at - previous.at < this.intervalMs) {
      previous.held += 1;
      return;
    }
    this.last.set(reason, { at, held: 0 });
    const message = error instanceof Error ? error.message : String(error);
    const held = previous?.held ? ` (${previous.held} more like it since the last report)` : '';
    try {
      this.emit(new Error(`event publisher: ${reason}: ${message}${held}`));
    } catch {
      // A failing error callback must not stop the publisher.
    }
  }
}
