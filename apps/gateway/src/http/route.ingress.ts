import { Injectable } from '@nestjs/common';
import type { Endpoint } from '@kt/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { callerOf } from '../auth/gateway-key.guard.js';
import type { ErrorFormat } from '../errors/error.formats.js';
import { RouteRecord } from '../events/route.record.js';
import { IngressRefuser } from './ingress.refuser.js';
import { RequestIdentity } from './request.identity.js';

/** How an endpoint reads its body: the parse step of the pipeline, one per dialect. */
export interface IngressParser<T> {
  readonly endpoint: Endpoint;
  /** The request, or a GatewayError naming the field. */
  parse(body: unknown): T;
  /** Whether the request asks for a stream; absent for endpoints that never stream (embeddings). */
  readonly streams?: (request: T) => boolean;
  readonly errorFormat?: ErrorFormat;
}

/** A request past authentication and parsing, with the route record that will become its event. */
export interface Opened<T> {
  readonly request: T;
  readonly record: RouteRecord;
}

/**
 * The ingress every routed endpoint shares, after the key guard: parse the body, or refuse it
 * without a route event; then open the request's route record.
 */
@Injectable()
export class RouteIngress {
  constructor(
    private readonly identity: RequestIdentity,
    private readonly refuser: IngressRefuser,
  ) {}

  open<T extends { readonly model: string }>(
    request: FastifyRequest,
    reply: FastifyReply,
    body: unknown,
    parser: IngressParser<T>,
  ): Opened<T> | undefined {
    let parsed: T;
    try {
      parsed = parser.parse(body);
    } catch (error) {
      this.refuser.refuse(reply, request, parser.endpoint, error, parser.errorFormat);
      return undefined;
    }
    const ids = this.identity.of(request);
    // The parser says whether it streams: a `stream` field means nothing to an endpoint that never does.
    const streaming = parser.streams?.(parsed) === true;
    const record = new RouteRecord(ids.requestId, parser.endpoint, streaming, parsed.model);
    const caller = callerOf(request);
    record.identify({ key_id: caller.keyId, team: caller.team }, ids.clientRequestId);
    return { request: parsed, record };
  }
}
