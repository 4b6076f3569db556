import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RouteErrorCode } from '@kt/contracts';
import type { FastifyReply } from 'fastify';
import { OPENAI_ERROR_FORMAT, type ErrorFormat } from '../errors/error.formats.js';
import { GatewayError } from '../errors/gateway.error.js';
import { buildRouteEvent, type RouteOutcome } from '../events/route-event.builder.js';
import { ROUTE_EVENT_SINK, type RouteEventSink } from '../events/route-events.sink.js';
import type { RouteRecord } from '../events/route.record.js';
import type { RouteFailure } from '../routing/served.js';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../runtime/gateway.settings.js';
import type { PackRuntime } from '../runtime/pack.runtime.js';
import { GatewayMetrics } from '../telemetry/gateway.metrics.js';

/**
 * The last step of every routed request, whichever endpoint: the kt headers, the answer or the
 * error body in the endpoint's shape, the metrics and exactly one route event.
 */
@Injectable()
export class RouteResponder {
  private readonly logger = new Logger('gateway');

  constructor(
    @Inject(ROUTE_EVENT_SINK) private readonly sink: RouteEventSink,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
    private readonly metrics: GatewayMetrics,
  ) {}

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

  /** Answers what routing came to when nothing was served: a refusal, or a client already gone. */
  sendFailure(
    reply: FastifyReply,
    record: RouteRecord,
    runtime: PackRuntime | null,
    failure: RouteFailure,
    format: ErrorFormat = OPENAI_ERROR_FORMAT,
  ): void {
    if (failure.code === 'client_gone') {
      this.finish(record, runtime, { status: 499, errorCode: 'upstream_error', rejected: false });
      return;
    }
    this.sendError(reply, record, runtime, GatewayError.of(failure), format);
  }

  /** Answers a failure in the endpoint's error shape (OpenAI's unless told otherwise) and records it. */
  sendError(
    reply: FastifyReply,
    record: RouteRecord,
    runtime: PackRuntime | null,
    error: unknown,
    format: ErrorFormat = OPENAI_ERROR_FORMAT,
  ): void {
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
