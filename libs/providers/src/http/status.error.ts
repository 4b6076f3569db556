import { readErrorBody } from '../upstream/error-body.reader.js';
import { readRetryAfterMs, type ResponseHeaders } from '../upstream/retry-after.reader.js';
import { errorKindForStatus, UpstreamError } from '../upstream/upstream.error.js';

/** A non-2xx answer as an `UpstreamError`: kind from the status, retry hint from the headers, body redacted. */
export function statusError(
  status: number,
  headers: ResponseHeaders,
  text: string,
  label: string,
  apiKey: string,
): UpstreamError {
  const body = readErrorBody(text, status, apiKey);
  return new UpstreamError(errorKindForStatus(status), `${label}: HTTP ${status}: ${body.error.message}`, {
    status,
    retryAfterMs: readRetryAfterMs(headers, Date.now()),
    body,
  });
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
