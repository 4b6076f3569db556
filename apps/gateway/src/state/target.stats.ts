import { LatencyWindow, ThroughputWindow } from '@kt/routing';

/**
 * What this gateway has measured of each target, kept across pack reloads (keyed by target id):
 * latency and throughput windows for the latency/throughput strategies, and in-flight counts.
 */
export class TargetStats {
  readonly latency = new LatencyWindow();
  readonly throughput = new ThroughputWindow();
  private readonly inFlightByTarget = new Map<string, number>();
  readonly inFlight = (targetId: string): number => this.inFlightByTarget.get(targetId) ?? 0;

  begin(targetId: string): void {
    this.inFlightByTarget.set(targetId, this.inFlight(targetId) + 1);
  }

  end(targetId: string): void {
    this.inFlightByTarget.set(targetId, Math.max(0, this.inFlight(targetId) - 1));
  }

  recordSuccess(
    targetId: string,
    latencyMs: number,
    outputTokens: number,
    durationMs: number,
    nowMs: number,
  ): void {
    this.latency.add(targetId, latencyMs, nowMs);
    if (durationMs > 0) this.throughput.add(targetId, outputTokens, durationMs, nowMs);
  }
}
