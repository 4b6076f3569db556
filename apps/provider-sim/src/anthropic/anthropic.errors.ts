import type { ErrorStatus } from '../faults/fault.model.js';
import type { VendorError } from '../http/vendor.dialect.js';

export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'api_error'
  | 'overloaded_error';

/** Anthropic's error document: `{"type":"error","error":{"type","message"}}`. */
export function anthropicError(
  status: number,
  type: AnthropicErrorType,
  message: string,
  headers?: Readonly<Record<string, string>>,
): VendorError {
  const body = JSON.stringify({ type: 'error', error: { type, message } });
  return headers === undefined ? { status, body } : { status, body, headers };
}

export function anthropicBadRequest(message: string, status = 400): VendorError {
  return anthropicError(status, 'invalid_request_error', message);
}

export const ANTHROPIC_UNAUTHORIZED = anthropicError(401, 'authentication_error', 'invalid x-api-key');
export const ANTHROPIC_VERSION_REQUIRED = anthropicBadRequest('anthropic-version: header is required');
export const ANTHROPIC_NOT_FOUND = anthropicError(404, 'not_found_error', 'Not Found');

export function anthropicInjected(status: ErrorStatus, retryAfterSeconds: number): VendorError {
  switch (status) {
    case 400:
      return anthropicBadRequest('prompt is too long: 210000 tokens > 200000 maximum');
    case 429:
      return anthropicError(
        429,
        'rate_limit_error',
        'This request would exceed the rate limit for your organization. Please try again later.',
        {
          'retry-after': String(retryAfterSeconds),
        },
      );
    case 529:
      return anthropicError(529, 'overloaded_error', 'Overloaded');
    case 500:
      return anthropicError(500, 'api_error', 'Internal server error');
    case 503:
      return anthropicError(503, 'api_error', 'Service unavailable');
  }
}
