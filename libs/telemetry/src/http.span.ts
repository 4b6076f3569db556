import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { ktTracer, tracingEnabled } from './tracing.state.js';

export interface ServerSpan {
  readonly span: Span;
  /** The context to run the request's handling in: the span is active there. */
  readonly context: Context;
}

/**
 * A server span for one HTTP request, continuing the caller's trace when it sent a `traceparent`;
 * undefined when tracing is off.
 */
export function startServerSpan(
  method: string,
  route: string | undefined,
  headers: Readonly<Record<string, string | string[] | undefined>>,
): ServerSpan | undefined {
  if (!tracingEnabled()) return undefined;
  const parent = propagation.extract(ROOT_CONTEXT, headers);
  const span = ktTracer().startSpan(
    route === undefined ? method : `${method} ${route}`,
    {
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': method,
        ...(route !== undefined && { 'http.route': route }),
      },
    },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}

export function endServerSpan(server: ServerSpan, statusCode: number): void {
  server.span.setAttribute('http.response.status_code', statusCode);
  if (statusCode >= 500) server.span.setStatus({ code: SpanStatusCode.ERROR });
  server.span.end();
}

/** Runs `fn` with `ctx` as the active trace context. */
export function withTraceContext<T>(ctx: Context, fn: () => T): T {
  return context.with(ctx, fn);
}
