import type { MicroUsdString } from '../money/micro-usd.codec.js';
import type { PackRef } from '../pack/pack-ref.contract.js';
import type { UtcTimestamp } from '../time/utc-time.js';
import { UPSTREAM_ERROR_KINDS } from '../vocabulary/upstream-error.kinds.js';

/** One event per gateway request, on `kt.route-events.v1`, keyed by `request_id`. */
export const ROUTE_SCHEMA = 'kt.route.v1';

export const ROUTE_EVENT_TYPES = ['route.completed', 'route.failed', 'route.rejected'] as const;
export type RouteEventType = (typeof ROUTE_EVENT_TYPES)[number];

export const ENDPOINTS = ['chat.completions', 'embeddings', 'messages'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

/** Why one upstream attempt failed: the adapters' words, plus the gateway's own `circuit_open`. */
export const ATTEMPT_ERROR_KINDS = [...UPSTREAM_ERROR_KINDS, 'circuit_open'] as const;
export type AttemptErrorKind = (typeof ATTEMPT_ERROR_KINDS)[number];

/** The error code the client was given (absent on `route.completed`). */
export const ROUTE_ERROR_CODES = [
  'model_not_found',
  'invalid_request_error',
  'unauthorized',
  'budget_exceeded',
  'rate_limited',
  'payload_too_large',
  'upstream_error',
  'no_healthy_target',
  'data_policy_violation',
] as const;
export type RouteErrorCode = (typeof ROUTE_ERROR_CODES)[number];

/**
 * Where the price of a request came from, strongest first. `estimate`: the upstream never reported
 * usage (a cut stream, a timeout, a client that hung up), so kt counted the tokens itself and priced
 * that count; `unpriced`: tokens were used but no price was known, and the cost is not a real $0.
 */
export const PRICE_SOURCES = ['provider', 'pack', 'catalog', 'estimate', 'unpriced'] as const;
export type PriceSource = (typeof PRICE_SOURCES)[number];

export interface Caller {
  readonly key_id: string;
  /** null for a key that belongs to no team. */
  readonly team: string | null;
}

export interface AttemptUsage {
  readonly input_tokens: number;
  readonly output_tokens: number;
}

interface AttemptFacts {
  readonly target: string;
  /** The vendor, e.g. `openai`, `azure`, `anthropic`. */
  readonly provider: string;
  readonly upstream_model: string;
  readonly started_at: UtcTimestamp;
  /** HTTP status from upstream; 0 when no response arrived. */
  readonly status: number;
  readonly latency_ms: number;
  readonly ttft_ms: number | null;
  readonly usage: AttemptUsage | null;
  readonly cost_micro_usd: MicroUsdString;
}

export interface SucceededAttempt extends AttemptFacts {
  readonly outcome: 'ok';
  readonly error_kind: null;
}

export interface FailedAttempt extends AttemptFacts {
  readonly outcome: 'error';
  readonly error_kind: AttemptErrorKind;
}

export type Attempt = SucceededAttempt | FailedAttempt;

export interface ServedTarget {
  readonly target: string;
  readonly provider: string;
  readonly upstream_model: string;
}

export interface RouteUsage {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly total_tokens: number;
}

/** The price dataset a gateway had live, e.g. `@pydantic/genai-prices` `0.1.8` (or a prices file's digest). */
export interface CatalogRef {
  readonly name: string;
  readonly version: string;
}

export interface RouteCost {
  readonly micro_usd: MicroUsdString;
  readonly currency: 'USD';
  readonly priced_by: PriceSource;
  /** The catalog live when the request was priced; absent on events from before the field. */
  readonly catalog?: CatalogRef;
}

export interface GatewayRef {
  readonly instance_id: string;
}

interface RouteFacts {
  readonly schema: typeof ROUTE_SCHEMA;
  readonly event_id: string;
  /** kt's id for the request, minted by the gateway; never the caller's. */
  readonly request_id: string;
  /**
   * The caller's `x-request-id` when it kept to the caps (≤ 128 characters of `[A-Za-z0-9._:-]`);
   * absent otherwise. Several events may share one: callers reuse ids.
   */
  readonly client_request_id?: string;
  readonly occurred_at: UtcTimestamp;
  readonly endpoint: Endpoint;
  readonly stream: boolean;
  readonly caller: Caller | null;
  /** The `model` the client asked for (at most MAX_MODEL_CHARS); empty when the request named none. */
  readonly requested_model: string;
  readonly group: string | null;
  readonly strategy: string | null;
  readonly attempts: readonly Attempt[];
  /** HTTP status given to the client. */
  readonly status: number;
  readonly usage: RouteUsage;
  readonly cost: RouteCost;
  readonly overhead_ms: number;
  readonly duration_ms: number;
  readonly pack: PackRef | null;
  readonly gateway: GatewayRef;
}

/** A target served the request. */
export interface RouteCompleted extends RouteFacts {
  readonly type: 'route.completed';
  readonly served: ServedTarget;
  readonly error_code: null;
}

/** Every attempt failed upstream. */
export interface RouteFailed extends RouteFacts {
  readonly type: 'route.failed';
  readonly served: null;
  readonly error_code: RouteErrorCode;
}

/**
 * The gateway refused an authenticated, well-formed request itself (unknown model, budget, data
 * policy, no healthy target). Unauthenticated and unparsable requests leave no event at all.
 */
export interface RouteRejected extends RouteFacts {
  readonly type: 'route.rejected';
  readonly served: null;
  readonly error_code: RouteErrorCode;
}

export type RouteEvent = RouteCompleted | RouteFailed | RouteRejected;
