import { Injectable, Logger } from '@nestjs/common';
import type { Endpoint } from '@kt/contracts';
import { serviceLogger } from '@kt/telemetry';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OPENAI_ERROR_FORMAT, type ErrorFormat } from '../errors/error.formats.js';
import { GatewayError } from '../errors/gateway.error.js';
import { RouteRecord } from '../events/route.record.js';
import { GatewayMetrics } from '../telemetry/gateway.metrics.js';
import { IngressMetrics } from './ingress.metrics.js';
import { idHeaders, RequestIdentity } from './request.identity.js';

/**
 * Answers a request refused before routing (no key, a body kt cannot take): counted and logged
 * with bounded fields, and no route event, so a stranger's content never becomes a ledger row.
 */
@Injectable()
export class IngressRefuser {
  private readonly logger = new Logger('gateway');

  constructor(
    private readonly identity: RequestIdentity,
    private readonly metrics: GatewayMetrics,
    private readonly ingress: IngressMetrics,
  ) {}

  /** Anything but a GatewayError here is a client body kt failed to read: a 400, logged as kt's bug. */
  refuse(
    reply: FastifyReply,
    request: FastifyRequest,
    endpoint: Endpoint | 'models',
    error: unknown,
    format: ErrorFormat = OPENAI_ERROR_FORMAT,
  ): void {
    const failure = error instanceof GatewayError ? error : this.unreadable(error);
    const ids = this.identity.of(request);
    const reason = failure.details.refusal ?? 'invalid_request';
    this.ingress.refusedRequest(reason, failure.status);
    // An API request still counts among requests answered (target "none"), as it did with an event.
    if (endpoint !== 'models') {
      this.metrics.requestFinished(new RouteRecord(ids.requestId, endpoint, false, ''), failure.status);
    }
    serviceLogger().info(
      {
        endpoint,
        reason,
        status: failure.status,
        param: failure.details.param?.slice(0, 128) ?? null,
        client_request_id: ids.clientRequestId ?? null,
      },
      'request refused before routing',
    );
    if (reply.sent) return;
    void reply.status(failure.status).headers(idHeaders(ids)).send(format(failure));
  }

  private unreadable(error: unknown): GatewayError {
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return new GatewayError(
      'invalid_request_error',
      'The request body could not be read as this endpoint expects',
      {
        refusal: 'unreadable_body',
      },
    );
  }
}
