import type { ProbeErrorKind, ProbeKind } from '@kt/contracts';
import type { TokenUsage } from '@kt/providers';

/** What one probe of one target observed. */
export interface ProbeOutcome {
  readonly kind: ProbeKind;
  readonly startedAtMs: number;
  readonly latencyMs: number;
  /** HTTP status; 0 when no response arrived (or the target was not called). */
  readonly status: number;
  /** null when the probe succeeded. */
  readonly errorKind: ProbeErrorKind | null;
  /** Set for `completion` probes that reached the upstream: what the 1-token request used. */
  readonly completion?: ProbeCompletion;
}

export interface ProbeCompletion {
  readonly upstreamModel: string;
  readonly usage: TokenUsage | null;
}

/** A target whose secret is not set: reported, never called. */
export function unavailableOutcome(kind: ProbeKind, nowMs: number): ProbeOutcome {
  return { kind, startedAtMs: nowMs, latencyMs: 0, status: 0, errorKind: 'unavailable' };
}
