import { Injectable } from '@nestjs/common';
import { annotateRequestSpan, KT_ATTR, setLogRequestId } from '@kt/telemetry';
import type { FastifyRequest } from 'fastify';
import { IngressMetrics } from './ingress.metrics.js';
import { requestIdsOf, type RequestIds } from './request.ids.js';

/** One set of ids per request, however many times an endpoint or the error filter asks. */
const IDS = new WeakMap<object, RequestIds>();

/** kt's id for each request (always minted here) and the caller's, if it kept to the caps. */
@Injectable()
export class RequestIdentity {
  constructor(private readonly ingress: IngressMetrics) {}

  of(request: FastifyRequest): RequestIds {
    let ids = IDS.get(request.raw);
    if (ids === undefined) {
      ids = requestIdsOf(request.headers['x-request-id']);
      IDS.set(request.raw, ids);
      if (ids.ignored) this.ingress.ignoredRequestId();
      // Log lines and the request's span carry the id the route event is keyed by.
      setLogRequestId(ids.requestId);
      annotateRequestSpan(KT_ATTR.requestId, ids.requestId);
    }
    return ids;
  }

  requestId(request: FastifyRequest): string {
    return this.of(request).requestId;
  }
}

/** The id headers every answer carries. */
export function idHeaders(ids: RequestIds): Record<string, string> {
  return {
    'x-request-id': ids.requestId,
    ...(ids.clientRequestId !== undefined && { 'x-client-request-id': ids.clientRequestId }),
  };
}
