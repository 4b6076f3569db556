import type { UpstreamCall } from '../upstream/upstream.types.js';

/** One HTTP call an adapter wants made: where, with which headers, and what. */
export interface UpstreamRequest {
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** Names the attempt in error messages without its URL: `azure target azure-secondary`. */
  readonly label: string;
}

/** What the exchange needs from the gateway's call: cancellation, limits, and the key to redact. */
export interface CallLimits {
  readonly signal: AbortSignal;
  readonly apiKey: string;
  readonly connectMs: number;
  readonly totalMs: number;
  readonly firstTokenMs: number;
}

export function callLimits(call: UpstreamCall<unknown>): CallLimits {
  const { timeouts } = call;
  return {
    signal: call.signal,
    apiKey: call.apiKey,
    connectMs: timeouts.connectMs,
    totalMs: call.target.timeoutMs ?? timeouts.totalMs,
    firstTokenMs: timeouts.firstTokenMs,
  };
}

export function labelOf(call: UpstreamCall<unknown>): string {
  return `${call.target.vendor} target ${call.target.id}`;
}

/**
 * `base` + `path` (+ query), keeping any path prefix and query of the base (`…/v1`, a proxy's
 * fixed parameters). A malformed base URL is reported without echoing it: it may carry a key.
 */
export function endpointUrl(
  base: string,
  path: string,
  query: Readonly<Record<string, string>> = {},
): URL | null {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.pathname = url.pathname.replace(/\/+$/, '') + path;
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url;
}

export function requestIdOf(headers: Readonly<Record<string, string | string[] | undefined>>): string | null {
  const value = headers['x-request-id'] ?? headers['request-id'] ?? headers['apim-request-id'];
  return typeof value === 'string' ? value : null;
}
