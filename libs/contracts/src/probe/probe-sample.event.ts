import type { AttemptErrorKind } from '../route/route.event.js';
import type { UtcTimestamp } from '../time/utc-time.js';

/** Active health and latency samples, on `kt.probe-samples.v1`, keyed by target id. */
export const PROBE_SCHEMA = 'kt.probe.v1';

/**
 * `gateway`: not a probe but a gateway whose breaker opened on live traffic, so its peers open theirs
 * too; `prober.instance_id` is then the gateway's instance id.
 */
export const PROBE_KINDS = ['models', 'completion', 'gateway'] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];

/** The attempt error kinds plus `unavailable`: the target's secret is not set, so it was not called. */
export type ProbeErrorKind = AttemptErrorKind | 'unavailable';

interface ProbeFacts {
  readonly schema: typeof PROBE_SCHEMA;
  readonly type: 'probe.sampled';
  readonly sample_id: string;
  readonly observed_at: UtcTimestamp;
  readonly target: string;
  /** The vendor, e.g. `openai`. */
  readonly provider: string;
  readonly kind: ProbeKind;
  readonly latency_ms: number;
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  readonly prober: { readonly instance_id: string };
}

export interface HealthyProbeSample extends ProbeFacts {
  readonly ok: true;
  readonly error_kind: null;
}

export interface UnhealthyProbeSample extends ProbeFacts {
  readonly ok: false;
  readonly error_kind: ProbeErrorKind;
}

export type ProbeSampled = HealthyProbeSample | UnhealthyProbeSample;

/** The topic's union (one member today). */
export type ProbeEvent = ProbeSampled;
