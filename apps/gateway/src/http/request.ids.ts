import { randomUUID } from 'node:crypto';
import { isClientRequestId } from '@kt/contracts';

/** kt's id for a request, and the caller's own `x-request-id` when it kept to the caps. */
export interface RequestIds {
  readonly requestId: string;
  readonly clientRequestId: string | undefined;
  /** True when the caller sent an `x-request-id` that broke the caps (and was ignored). */
  readonly ignored: boolean;
}

/**
 * kt's request id is always minted here: callers reuse ids (five events once shared one), so the
 * caller's is kept beside it, bounded, never in its place. An over-cap id is dropped whole rather
 * than truncated, so a kept id is always exactly what the caller sent.
 */
export function requestIdsOf(header: string | string[] | undefined): RequestIds {
  const given = Array.isArray(header) ? header[0] : header;
  const kept = isClientRequestId(given) ? given : undefined;
  return {
    requestId: randomUUID(),
    clientRequestId: kept,
    ignored: given !== undefined && kept === undefined,
  };
}
