import type { ErrorStatus } from '../faults/fault.model.js';
import type { VendorError } from '../http/vendor.dialect.js';

/** Azure's own error document `{"error":{"code","message"}}` (its gateway's errors, not the model's). */
export function azureError(
  status: number,
  code: string,
  message: string,
  headers?: Readonly<Record<string, string>>,
): VendorError {
  const body = JSON.stringify({ error: { code, message } });
  return headers === undefined ? { status, body } : { status, body, headers };
}

export const AZURE_UNAUTHORIZED = azureError(
  401,
  '401',
  'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
);

export const AZURE_RESOURCE_NOT_FOUND = azureError(404, '404', 'Resource not found');

export const AZURE_API_VERSION_NOT_SUPPORTED = azureError(400, 'BadRequest', 'API version not supported');

export const AZURE_DEPLOYMENT_NOT_FOUND = azureError(
  404,
  'DeploymentNotFound',
  'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
);

export function azureInjected(status: ErrorStatus, retryAfterSeconds: number): VendorError {
  switch (status) {
    case 400:
      // The model's own error, which Azure relays in OpenAI's shape.
      return {
        status: 400,
        body: JSON.stringify({
          error: {
            message:
              "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens. Please reduce the length of the messages.",
            type: 'invalid_request_error',
            param: 'messages',
            code: 'context_length_exceeded',
          },
        }),
      };
    case 429:
      return azureError(
        429,
        '429',
        `Requests to the ChatCompletions_Create Operation under Azure OpenAI API have exceeded call rate limit of your current OpenAI S0 pricing tier. Please retry after ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`,
        { 'retry-after': String(retryAfterSeconds) },
      );
    case 500:
      return azureError(
        500,
        'InternalServerError',
        'The service is temporarily unable to process your request. Please try again later.',
      );
    default:
      return azureError(
        status,
        'ServiceUnavailable',
        'The service is temporarily unavailable. Please try again later.',
      );
  }
}
