/** The last probe result the gateway heard for one target. */
export interface ProbeHealth {
  readonly ok: boolean;
  readonly atMs: number;
  readonly latencyMs: number;
  readonly errorKind: string | null;
  /** The prober instance that sent it. */
  readonly source: string;
}

export interface ProbeObservation extends ProbeHealth {
  readonly targetId: string;
}

/**
 * Probe-driven health, kept across pack reloads (keyed by target id): a target whose last probe
 * failed is down until a later probe succeeds. Samples older than the last one heard are ignored,
 * so a late record cannot undo a fresher verdict.
 */
export class TargetHealth {
  private readonly byTarget = new Map<string, ProbeHealth>();

  record(observation: ProbeObservation): void {
    const previous = this.byTarget.get(observation.targetId);
    if (previous !== undefined && previous.atMs > observation.atMs) return;
    const { targetId: _id, ...health } = observation;
    this.byTarget.set(observation.targetId, health);
  }

  isDown(targetId: string): boolean {
    return this.byTarget.get(targetId)?.ok === false;
  }

  last(targetId: string): ProbeHealth | undefined {
    return this.byTarget.get(targetId);
  }
}
