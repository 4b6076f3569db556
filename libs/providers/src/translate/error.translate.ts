import type { AnthropicErrorBody } from '../anthropic/anthropic.types.js';
import type { OpenAIErrorBody } from '../openai/openai.types.js';

/** Anthropic's error type for an HTTP status, as its API documents them. */
export function anthropicErrorType(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 503:
    case 529:
      return 'overloaded_error';
    case 504:
      return 'timeout_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

/** OpenAI's error type for an HTTP status. */
export function openAIErrorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** An OpenAI-shaped error (upstream or the gateway's own) in Anthropic's shape, for `/v1/messages` callers. */
export function openAIErrorToAnthropic(status: number, body: OpenAIErrorBody): AnthropicErrorBody {
  return { type: 'error', error: { type: anthropicErrorType(status), message: body.error.message } };
}

/** An Anthropic error in OpenAI's shape; Anthropic's error type survives as the OpenAI `code`. */
export function anthropicErrorToOpenAI(status: number, body: AnthropicErrorBody): OpenAIErrorBody {
  return {
    error: { message: body.error.message, type: openAIErrorType(status), param: null, code: body.error.type },
  };
}
