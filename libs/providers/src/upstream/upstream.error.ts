import type { UpstreamErrorKind } from '@kt/contracts';
import type { OpenAIErrorBody } from '../openai/openai.types.js';

export interface UpstreamErrorDetails {
  /** HTTP status from upstream; 0 when no response arrived. */
  readonly status?: number;
  readonly retryAfterMs?: number | null;
  /** The upstream's error in OpenAI shape (secrets redacted), for relaying 4xx answers to the client. */
  readonly body?: OpenAIErrorBody | null;
  readonly cause?: unknown;
}

/** A failed attempt. Its message never carries the api key nor the upstream URL. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  readonly status: number;
  readonly retryAfterMs: number | null;
  readonly body: OpenAIErrorBody | null;

  constructor(
    readonly errorKind: UpstreamErrorKind,
    message: string,
    details: UpstreamErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status ?? 0;
    this.retryAfterMs = details.retryAfterMs ?? null;
    this.body = details.body ?? null;
  }
}

/** The error kind of a non-2xx answer. 529 is Anthropic's "overloaded". */
export function errorKindForStatus(status: number): UpstreamErrorKind {
  if (status === 429) return 'rate_limited';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 503 || status === 529) return 'service_unavailable';
  if (status >= 500) return 'server_error';
  if (status >= 400) return 'client_error';
  return 'malformed_response';
}
