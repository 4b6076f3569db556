import type { RefusalReason } from './refusal.reason.js';

/** The stable error codes of the gateway's API, with the HTTP status and OpenAI error `type` of each. */
export const GATEWAY_ERRORS = {
  invalid_request_error: { status: 400, type: 'invalid_request_error' },
  unauthorized: { status: 401, type: 'authentication_error' },
  budget_exceeded: { status: 402, type: 'insufficient_quota' },
  model_not_found: { status: 404, type: 'invalid_request_error' },
  payload_too_large: { status: 413, type: 'invalid_request_error' },
  data_policy_violation: { status: 422, type: 'invalid_request_error' },
  rate_limited: { status: 429, type: 'rate_limit_error' },
  upstream_error: { status: 502, type: 'upstream_error' },
  no_healthy_target: { status: 503, type: 'service_unavailable' },
  /** Block budgets fail closed (`KT_BUDGET_FAIL_MODE=closed`) and the ledger cannot be asked. */
  budget_unavailable: { status: 503, type: 'service_unavailable' },
} as const;

export type GatewayErrorCode = keyof typeof GATEWAY_ERRORS;

export interface GatewayErrorDetails {
  readonly param?: string;
  readonly attempts?: readonly AttemptSummary[];
  readonly retryAfterSeconds?: number;
  /** Overrides the code's usual status, e.g. an upstream 422 relayed as it was. */
  readonly status?: number;
  /** What the route event records; differs from `code` only where the client sees a relayed answer. */
  readonly eventCode?: GatewayErrorCode;
  /** Why the ingress refused the request, when it did so before routing (metrics label). */
  readonly refusal?: RefusalReason;
}

/**
 * A refusal as data: what the pipeline's steps return instead of throwing, turned into a
 * GatewayError (and so an HTTP answer) only at the edge.
 */
export interface Refusal {
  readonly code: GatewayErrorCode;
  readonly message: string;
  readonly details?: GatewayErrorDetails;
}

export interface AttemptSummary {
  readonly target: string;
  readonly provider: string;
  readonly status: number;
  readonly error_kind: string | null;
  readonly latency_ms: number;
}

/** An answer the gateway gives instead of an upstream response; rendered in OpenAI's error shape. */
export class GatewayError extends Error {
  readonly status: number;

  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    readonly details: GatewayErrorDetails = {},
  ) {
    super(message);
    this.status = details.status ?? GATEWAY_ERRORS[code].status;
  }

  static of(refusal: Refusal): GatewayError {
    return new GatewayError(refusal.code, refusal.message, refusal.details);
  }

  toBody(): { error: Record<string, unknown> } {
    return {
      error: {
        message: this.message,
        type: GATEWAY_ERRORS[this.code].type,
        param: this.details.param ?? null,
        code: this.code,
        ...(this.details.attempts ? { attempts: this.details.attempts } : {}),
      },
    };
  }
}
