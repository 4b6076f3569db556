import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RouteErrorCode } from '@kt/contracts';
import { annotateRequestSpan, KT_ATTR, setLogRequestId } from '@kt/telemetry';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../auth/gateway-key.store.js';
import { GatewayError } from '../errors/gateway.error.js';
import { buildRouteEvent, type RouteOutcome } from '../events/route-event.builder.js';
import { ROUTE_EVENT_SINK, type RouteEventSink } from '../events/route-events.sink.js';
import type { RouteRecord } from '../events/route.record.js';
import { ClientGoneError } from '../routing/route.executor.js';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../runtime/gateway.settings.js';
import type { PackRuntime } from '../runtime/pack.runtime.js';
import { GatewayMetrics } from '../telemetry/gateway.metrics.js';

export type ErrorFormat = (error: GatewayError) => unknown;

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The edges every endpoint shares: request ids, auth, the kt headers, error answers, the route event. */
@Injectable()
export class RouteResponder {
  private readonly logger = new Logger('gateway');

  constructor(
    @Inject(ROUTE_EVENT_SINK) private readonly sink: RouteEventSink,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
    private readonly metrics: GatewayMetrics,
  ) {}

  requestId(request: FastifyRequest): string {
    const given = request.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    // Log lines and the request's span carry the id the route event is keyed by.
    setLogRequestId(id);
    annotateRequestSpan(KT_ATTR.requestId, id);
    return id;
  }

  /** The caller behind the request's key; throws 401 without ever echoing the key. */
  authenticate(runtime: PackRuntime, request: FastifyRequest, record: RouteRecord): Caller {
    const header = request.headers.authorization ?? headerValue(request.headers['x-api-key']);
    const caller = runtime.keys.authenticate(header);
    if (!caller) {
      throw new GatewayError(
        'unauthorized',
        header ? 'The gateway key is not valid' : 'Missing gateway key: send "Authorization: Bearer <key>"',
      );
    }
    record.caller = { key_id: caller.keyId, team: caller.team };
    return caller;
  }

  /** Aborted when the client goes away before the answer is complete. */
  clientSignal(reply: FastifyReply): AbortSignal {
    const controller = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) controller.abort();
    });
    return controller.signal;
  }

  headers(record: RouteRecord): Record<string, string> {
    const served = record.served;
    return {
      'x-request-id': record.requestId,
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

  private unexpected(error: unknown): GatewayError {
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return new GatewayError('upstream_error', 'The gateway failed to handle the request');
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
