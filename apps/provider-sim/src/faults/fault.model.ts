import type { UsageOverride } from './usage.override.js';

/** Added time to first byte. `fixed` with 0 ms means no added latency. */
export type LatencySpec =
  | { readonly kind: 'fixed'; readonly ms: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'normal'; readonly mean: number; readonly stddev: number };

/**
 * 400 is the prompt-too-long answer (a client error that no other target of the same model would
 * accept either); 529 is Anthropic's "overloaded", which the other vendors never send.
 */
export const ERROR_STATUSES = [400, 429, 500, 503, 529] as const;
export type ErrorStatus = (typeof ERROR_STATUSES)[number];

/** The faults one vendor's simulator injects, validated. */
export interface FaultSpec {
  readonly latency: LatencySpec;
  /** Share of requests (0..1) answered with `errorStatus` in the vendor's error shape. */
  readonly errorRate: number;
  readonly errorStatus: ErrorStatus;
  /** `retry-after` header (seconds) sent with 429s. */
  readonly retryAfterSeconds: number;
  /** Accept every request and never answer it. */
  readonly hang: boolean;
  /** Stop listening, so clients get ECONNREFUSED, until turned off again. */
  readonly outage: boolean;
  /** Destroy the socket of a streamed reply after this many SSE events; null = never. */
  readonly streamCutAfter: number | null;
  /**
   * Send this many SSE events of a streamed reply, then nothing more, holding the socket open until
   * the client closes it (counted as the outcome `client-closed`); null = never. Beats `streamCutAfter`.
   */
  readonly streamStallAfter: number | null;
  /** Answer 200 with a truncated, non-JSON body (or a broken first SSE event). */
  readonly malformed: boolean;
  /** Fields merged into the reply's `usage` objects (see `UsageOverride`); null = the true usage. */
  readonly usageOverride: UsageOverride | null;
}

/**
 * The JSON form of a fault spec (admin API, `setFaults`, CLI). Every field is optional; a missing
 * one takes its "no fault" default. `latency` is ms or `"fixed:ms"`, `"uniform:min:max"`,
 * `"normal:mean:stddev"`.
 */
export interface FaultSpecInput {
  readonly latency?: number | string;
  readonly errorRate?: number;
  readonly errorStatus?: number;
  readonly retryAfter?: number;
  readonly hang?: boolean;
  readonly outage?: boolean;
  readonly streamCutAfter?: number | null;
  readonly streamStallAfter?: number | null;
  readonly malformed?: boolean;
  readonly usageOverride?: UsageOverride | null;
}

export const NO_FAULTS: FaultSpec = {
  latency: { kind: 'fixed', ms: 0 },
  errorRate: 0,
  errorStatus: 500,
  retryAfterSeconds: 1,
  hang: false,
  outage: false,
  streamCutAfter: null,
  streamStallAfter: null,
  malformed: false,
  usageOverride: null,
};
