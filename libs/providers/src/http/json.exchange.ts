import { UpstreamError } from '../upstream/upstream.error.js';
import { Exchange } from './exchange.js';
import { asUpstreamError } from './thrown-error.reader.js';
import { isSuccess, statusError } from './status.error.js';
import type { UpstreamHttp } from './upstream.http.js';
import { requestIdOf, type CallLimits, type UpstreamRequest } from './upstream.request.js';

export interface JsonAnswer<T> {
  readonly status: number;
  readonly json: T;
  readonly requestId: string | null;
}

/** The answer an adapter expects: its shape check, and its name for the error (`a chat.completion`). */
export interface ExpectedAnswer<T> {
  readonly is: (value: unknown) => value is T;
  readonly what: string;
}

/**
 * POSTs JSON and reads a JSON answer of the `expected` shape within `totalMs` (headers and body).
 * Non-2xx answers, unparsable or misshapen bodies, timeouts, cancellation and network failures all
 * end as an `UpstreamError`.
 */
export async function postJson<T>(
  http: UpstreamHttp,
  request: UpstreamRequest,
  limits: CallLimits,
  expected: ExpectedAnswer<T>,
): Promise<JsonAnswer<T>> {
  const exchange = new Exchange(limits.signal);
  exchange.deadlineIn(limits.totalMs);
  try {
    const response = await http.post({
      url: request.url,
      headers: { ...request.headers, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(request.body),
      connectMs: limits.connectMs,
      signal: exchange.signal,
    });
    const text = await response.body.text();
    const { statusCode: status, headers } = response;
    if (!isSuccess(status)) throw statusError(status, headers, text, request.label, limits.apiKey);
    const json = parseJson(text, request.label, status);
    if (!expected.is(json))
      throw new UpstreamError('malformed_response', `${request.label}: answer is not ${expected.what}`, {
        status,
      });
    return { status, json, requestId: requestIdOf(headers) };
  } catch (error) {
    throw asUpstreamError(error, {
      label: request.label,
      stopped: exchange.reason,
      deadline: `no complete answer within ${limits.totalMs} ms`,
      streaming: false,
    });
  } finally {
    exchange.finish();
  }
}

function parseJson(text: string, label: string, status: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UpstreamError(
      'malformed_response',
      `${label}: answer is not valid JSON (${text.length} bytes)`,
      { status },
    );
  }
}
