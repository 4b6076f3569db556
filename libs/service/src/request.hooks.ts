import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import {
  endServerSpan,
  runWithLogContext,
  startServerSpan,
  withTraceContext,
  type Logger,
} from '@kt/telemetry';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Fastify's request id: the caller's `x-request-id` when it is sane, else a fresh UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Gives every request its log context (request id) and, with tracing on, a server span active while
 * it is handled. The body is read after these hooks; the spec checks the context survives that.
 */
export function instrumentRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const server = startServerSpan(request.method, request.routeOptions.url, request.headers);
    if (server === undefined) return runWithLogContext({ request_id: request.id }, done);
    reply.raw.once('close', () => endServerSpan(server, reply.raw.statusCode));
    withTraceContext(server.context, () => runWithLogContext({ request_id: request.id }, done));
  });
  if (logger.isLevelEnabled('debug')) {
    // Headers are logged through the logger's redaction: authorization and api keys never show.
    fastify.addHook('onResponse', (request, reply, done) => {
      logger.debug(
        {
          req: { method: request.method, url: request.url, headers: request.headers },
          res: { statusCode: reply.statusCode },
          duration_ms: Math.round(reply.elapsedTime * 1000) / 1000,
        },
        'request completed',
      );
      done();
    });
  }
}
