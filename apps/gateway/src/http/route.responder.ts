import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Endpoint, RouteErrorCode } from '@kt/contracts';
import { annotateRequestSpan, KT_ATTR, serviceLogger, setLogRequestId } from '@kt/telemetry';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../auth/gateway-key.store.js';
import { GatewayError } from '../errors/gateway.error.js';
import { buildRouteEvent, type RouteOutcome } from '../events/route-event.builder.js';
import { ROUTE_EVENT_SINK, type RouteEventSink } from '../events/route-events.sink.js';
import { RouteRecord } from '../events/route.record.js';
import { ClientGoneError } from '../routing/route.executor.js';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../runtime/gateway.settings.js';
import type { PackRuntime } from '../runtime/pack.runtime.js';
import { GatewayMetrics } from '../telemetry/gateway.metrics.js';
import { IngressMetrics } from './ingress.metrics.js';
import { requestIdsOf, type RequestIds } from './request.ids.js';

export type ErrorFormat = (error: GatewayError) => unknown;

/** One set of ids per request, however many times an endpoint or the error filter asks. */
const IDS = new WeakMap<object, RequestIds>();

/** The edges every endpoint shares: request ids, auth, the kt headers, error answers, the route event. */
@Injectable()
export class RouteResponder {
  private readonly logger = new Logger('gateway');

  constructor(
    @Inject(ROUTE_EVENT_SINK) private readonly sink: RouteEventSink,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
    private readonly metrics: GatewayMetrics,
    private readonly ingress: IngressMetrics,
  ) {}

  /** kt's id for the request (always minted here) and the caller's, if it kept to the caps. */
  requestIds(request: FastifyRequest): RequestIds {
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
    return this.requestIds(request).requestId;
  }

  /** A fresh route record for a request that passed authentication and parsing. */
  open(
    request: FastifyRequest,
    endpoint: Endpoint,
    stream: boolean,
    model: string,
    caller: Caller,
  ): RouteRecord {
    const ids = this.requestIds(request);
    const record = new RouteRecord(ids.requestId, endpoint, stream, model);
    record.clientRequestId = ids.clientRequestId;
    record.caller = { key_id: caller.keyId, team: caller.team };
    return record;
  }

  /** The caller behind the request's key; throws 401 without ever echoing the key. */
  authenticate(runtime: PackRuntime, request: FastifyRequest): Caller {
    const header = request.headers.authorization ?? headerValue(request.headers['x-api-key']);
    const caller = runtime.keys.authenticate(header);
    if (!caller) {
      throw new GatewayError(
        'unauthorized',
        header ? 'The gateway key is not valid' : 'Missing gateway key: send "Authorization: Bearer <key>"',
        { refusal: header ? 'invalid_key' : 'missing_key' },
      );
    }
    return caller;
  }

  /**
   * Answers a request refused before routing (no key, a body kt cannot take): counted and logged
   * with bounded fields, and no route event, so a stranger's content never becomes a ledger row.
   * Anything but a GatewayError here is a client body kt failed to read: a 400, logged as kt's bug.
   */
  refuse(
    reply: FastifyReply,
    request: FastifyRequest,
    endpoint: Endpoint | 'models',
    error: unknown,
    format: ErrorFormat = (e) => e.toBody(),
  ): void {
    const failure = error instanceof GatewayError ? error : this.unreadable(error);
    const ids = this.requestIds(request);
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
    void reply.status(failure.status).headers(this.idHeaders(ids)).send(format(failure));
  }

  /** Aborted when the client goes away before the answer is complete. */
  clientSignal(reply: FastifyReply): AbortSignal {
    const controller = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) controller.abort();
    });
    return controller.signal;
  }

  private idHeaders(ids: RequestIds): Record<string, string> {
    return {
      'x-request-id': ids.requestId,
      ...(ids.clientRequestId !== undefined && { 'x-client-request-id': ids.clientRequestId }),
    };
  }

  headers(record: RouteRecord): Record<string, string> {
    const served = record.served;
    return {
      'x-request-id': record.requestId,
      ...(record.clientRequestId !== undefined && { 'x-client-request-id': record.clientRequestId }),
      'x-kt-target': served?.target.id ?? '',
      'x-kt-provider': served?.target.vendor ?? '',
      'x-kt-attempts': String(record.attempts.filter((a) => a.errorKind !== 'circuit_open').length),
      'x-kt-overhead-ms': record.overheadMs().toFixed(3),
      ...(record.semanticRoute !== null && { 'x-kt-semantic-route': record.semanticRoute }),
    };
  }

  sendJson(
    reply: FastifyReply,
    record: RouteRecord,
    runtime: PackRuntime | null,
    status: number,
    body: unknown,
  ): void {
    void reply.status(status).headers(this.headers(record)).send(body);
    this.finish(record, runtime, { status, errorCode: null, rejected: false });
  }

  /** Answers a failure in the endpoint's error shape (OpenAI's unless told otherwise) and records it. */
  sendError(
    reply: FastifyReply,
    record: RouteRecord,
    runtime: PackRuntime | null,
    error: unknown,
    format: ErrorFormat = (e) => e.toBody(),
  ): void {
    if (error instanceof ClientGoneError) {
      this.finish(record, runtime, { status: 499, errorCode: 'upstream_error', rejected: false });
      return;
    }
    const failure = error instanceof GatewayError ? error : this.unexpected(error);
    const headers = this.headers(record);
    if (failure.details.retryAfterSeconds !== undefined)
      headers['retry-after'] = String(failure.details.retryAfterSeconds);
    if (!reply.sent) void reply.status(failure.status).headers(headers).send(format(failure));
    this.finish(record, runtime, {
      status: failure.status,
      errorCode: (failure.details.eventCode ?? failure.code) as RouteErrorCode,
      rejected: record.attempts.length === 0,
    });
  }

  /** Exactly one route event per request: built and handed to the publisher, never awaited. */
  finish(record: RouteRecord, runtime: PackRuntime | null, outcome: RouteOutcome): void {
    this.metrics.requestFinished(record, outcome.status);
    try {
      this.sink.publish(
        buildRouteEvent(record, outcome, runtime?.ref ?? null, this.settings.instanceId, Date.now()),
      );
    } catch (error) {
      this.logger.error(`route event of ${record.requestId} could not be built: ${String(error)}`);
    }
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

  private unexpected(error: unknown): GatewayError {
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return new GatewayError('upstream_error', 'The gateway failed to handle the request');
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
