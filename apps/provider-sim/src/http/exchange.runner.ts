import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultSpec } from '../faults/fault.model.js';
import { planFaults, type Random } from '../faults/fault.plan.js';
import { overrideUsage } from '../faults/usage.override.js';
import type { RequestStats } from '../stats/request.stats.js';
import { breakFirstEvent, writeSse, writeStalledSse } from './sse.writer.js';
import type { Answer, Prepared, VendorDialect, VendorError } from './vendor.dialect.js';

/** Everything a vendor's routes share: its dialect, the stats, and its current faults. */
export interface ExchangeContext {
  readonly dialect: VendorDialect;
  readonly stats: RequestStats;
  readonly faults: () => FaultSpec;
  readonly random: Random;
}

/**
 * Adds one API route: validate (after the edge hook counted and authenticated), then let the faults decide
 * between delay, hang, injected error, garbage and the real answer.
 */
export function addRoute(
  app: FastifyInstance,
  ctx: ExchangeContext,
  method: HTTPMethods,
  url: string,
  endpoint: string,
  prepare: (request: FastifyRequest) => Prepared,
): void {
  app.route({
    method,
    url,
    config: { endpoint },
    handler: (request, reply) => runExchange(request, reply, ctx, prepare),
  });
}

/**
 * Counts and authenticates every request before its body is parsed (a wrong key wins over bad JSON,
 * as upstream), and answers bad JSON, oversized bodies and unknown routes in the vendor's shape.
 */
export function installVendorEdges(app: FastifyInstance, ctx: ExchangeContext): void {
  const { dialect, stats } = ctx;
  app.addHook('onRequest', async (request, reply) => {
    stats.received(dialect.vendor, request.routeOptions.config.endpoint ?? 'not-found');
    const rejected = dialect.authenticate(request);
    if (rejected !== null) {
      sendError(reply, ctx, rejected);
      return reply;
    }
  });
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode;
    const clientError = status !== undefined && status >= 400 && status < 500;
    sendError(reply, ctx, clientError ? dialect.badRequest(error.message, status) : dialect.injected(500, 0));
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, ctx, dialect.notFound(request.method, request.url)),
  );
}

async function runExchange(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: ExchangeContext,
  prepare: (request: FastifyRequest) => Prepared,
): Promise<void> {
  const { dialect, stats } = ctx;
  const prepared = prepare(request);
  if (!prepared.ok) return sendError(reply, ctx, prepared.error);

  const spec = ctx.faults();
  const plan = planFaults(spec, ctx.random);
  if (plan.delayMs > 0) await sleep(plan.delayMs);
  switch (plan.outcome) {
    case 'hang':
      // Hijacked and never written: the socket stays open until the client or an outage closes it.
      reply.hijack();
      stats.ended(dialect.vendor, 'hang');
      return;
    case 'error':
      return sendError(reply, ctx, dialect.injected(spec.errorStatus, spec.retryAfterSeconds));
    case 'malformed':
      return sendAnswer(reply, ctx, prepared.answer(), true, null);
    case 'reply':
      return sendAnswer(
        reply,
        ctx,
        overrideUsage(prepared.answer(), spec.usageOverride),
        false,
        spec.streamCutAfter,
        spec.streamStallAfter,
      );
  }
}

function sendError(reply: FastifyReply, ctx: ExchangeContext, error: VendorError): void {
  ctx.stats.ended(ctx.dialect.vendor, String(error.status));
  reply
    .code(error.status)
    .headers({ ...ctx.dialect.responseHeaders(), ...error.headers, 'content-type': 'application/json' })
    .send(error.body);
}

/**
 * Sends the answer whole, truncated (`malformed`), as a stream cut after `cutAfter` events, or one
 * that stalls after `stallAfter` events until the client hangs up.
 */
function sendAnswer(
  reply: FastifyReply,
  ctx: ExchangeContext,
  answer: Answer,
  malformed: boolean,
  cutAfter: number | null,
  stallAfter: number | null = null,
): void {
  const headers = ctx.dialect.responseHeaders();
  if (answer.kind === 'json') {
    ctx.stats.ended(ctx.dialect.vendor, malformed ? 'malformed' : '200');
    const body = malformed ? answer.body.slice(0, Math.ceil(answer.body.length / 2)) : answer.body;
    reply
      .code(200)
      .headers({ ...headers, 'content-type': 'application/json' })
      .send(body);
    return;
  }
  if (!malformed && stallAfter !== null && stallAfter < answer.events.length) {
    reply.hijack();
    const closed = (): void => ctx.stats.ended(ctx.dialect.vendor, 'client-closed');
    writeStalledSse(reply.raw, headers, answer.events, stallAfter, closed);
    return;
  }
  const cut = !malformed && cutAfter !== null && cutAfter < answer.events.length;
  ctx.stats.ended(ctx.dialect.vendor, malformed ? 'malformed' : cut ? 'stream-cut' : '200');
  reply.hijack();
  writeSse(
    reply.raw,
    headers,
    malformed ? breakFirstEvent(answer.events) : answer.events,
    cut ? cutAfter : null,
  );
}
