import type { ErrorStatus } from '../faults/fault.model.js';
import type { VendorError } from '../http/vendor.dialect.js';

/** A request problem as OpenAI reports it: the message, the offending parameter and a machine code. */
export interface OpenAiProblem {
  readonly message: string;
  readonly param: string | null;
  readonly code: string | null;
}

/** OpenAI's error document: `{"error":{"message","type","param","code"}}`. */
export function openAiError(
  status: number,
  problem: OpenAiProblem,
  type = 'invalid_request_error',
  headers?: Readonly<Record<string, string>>,
): VendorError {
  const body = JSON.stringify({
    error: { message: problem.message, type, param: problem.param, code: problem.code },
  });
  return headers === undefined ? { status, body } : { status, body, headers };
}

export function openAiBadRequest(message: string, status = 400): VendorError {
  return openAiError(status, { message, param: null, code: null });
}

export function openAiNotFound(method: string, url: string): VendorError {
  return openAiError(404, {
    message: `Invalid URL (${method} ${url.split('?')[0]})`,
    param: null,
    code: null,
  });
}

/** The key is never echoed, not even masked as the real API does. */
export function openAiUnauthorized(provided: boolean): VendorError {
  const message = provided
    ? 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.'
    : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";
  return openAiError(401, { message, param: null, code: 'invalid_api_key' });
}

export function openAiInjected(status: ErrorStatus, retryAfterSeconds: number): VendorError {
  if (status === 400) {
    const message =
      "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens. Please reduce the length of the messages.";
    return openAiError(400, { message, param: 'messages', code: 'context_length_exceeded' });
  }
  if (status === 429) {
    const message = `Rate limit reached for requests per min (RPM). Please try again in ${retryAfterSeconds}s.`;
    return openAiError(429, { message, param: null, code: 'rate_limit_exceeded' }, 'requests', {
      'retry-after': String(retryAfterSeconds),
      'x-ratelimit-remaining-requests': '0',
    });
  }
  const message =
    status === 500
      ? 'The server had an error while processing your request. Sorry about that!'
      : 'The engine is currently overloaded, please try again later.';
  return openAiError(status, { message, param: null, code: null }, 'server_error');
}
