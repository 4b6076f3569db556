import { context, SpanKind, SpanStatusCode, trace, type Link, type Span } from '@opentelemetry/api';
import { contextFromHeaders, traceHeaders, type CarrierHeaders } from './trace.headers.js';
import { ktTracer, tracingEnabled } from './tracing.state.js';

/** A batch span links at most this many events; each event also gets its own span in its trace. */
const MAX_LINKS = 128;

/**
 * Marks the hand-off of one record to the publisher with a producer span and returns the headers that
 * carry it (`traceparent`), or undefined when tracing is off or no trace is active.
 */
export function producerHeaders(topic: string, key: string): Record<string, string> | undefined {
  if (!tracingEnabled() || trace.getActiveSpan() === undefined) return undefined;
  const span = ktTracer().startSpan(`send ${topic}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'send',
      'messaging.destination.name': topic,
      'messaging.kafka.message.key': key,
    },
  });
  // The record is sent in the background; the span covers handing it over (queue or spool).
  const headers = traceHeaders(trace.setSpan(context.active(), span));
  span.end();
  return headers;
}

export interface TracedBatch {
  readonly topic: string;
  readonly partition: number;
  readonly group?: string;
  readonly messages: readonly { readonly offset: string; readonly headers?: CarrierHeaders }[];
}

/**
 * Runs `work` (processing a fetched batch) under a consumer span for the batch, linked to the events'
 * traces, and gives every event that carries a trace context a child span in its own trace covering
 * the same work, so one trace runs from the client's request to the event's processing.
 */
export async function traceBatch<T>(batch: TracedBatch, work: () => Promise<T>): Promise<T> {
  if (!tracingEnabled()) return work();
  const parents = batch.messages.flatMap((message) => {
    const parent = contextFromHeaders(message.headers);
    return parent === undefined ? [] : [{ offset: message.offset, parent }];
  });
  const links: Link[] = parents.slice(0, MAX_LINKS).flatMap(({ parent }) => {
    const spanContext = trace.getSpanContext(parent);
    return spanContext === undefined ? [] : [{ context: spanContext }];
  });
  const attributes = {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.destination.name': batch.topic,
    'messaging.destination.partition.id': String(batch.partition),
    ...(batch.group !== undefined && { 'messaging.consumer.group.name': batch.group }),
  };
  const tracer = ktTracer();
  const batchSpan = tracer.startSpan(`process ${batch.topic}`, {
    kind: SpanKind.CONSUMER,
    links,
    attributes: { ...attributes, 'messaging.batch.message_count': batch.messages.length },
  });
  const batchLink: Link = { context: batchSpan.spanContext() };
  const eventSpans: Span[] = parents.map(({ offset, parent }) =>
    tracer.startSpan(
      `process ${batch.topic}`,
      {
        kind: SpanKind.CONSUMER,
        links: [batchLink],
        attributes: { ...attributes, 'messaging.kafka.offset': Number(offset) },
      },
      parent,
    ),
  );
  const spans = [batchSpan, ...eventSpans];
  try {
    return await context.with(trace.setSpan(context.active(), batchSpan), work);
  } catch (error) {
    for (const span of spans) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: error instanceof Error ? error.message : String(error),
      });
    }
    throw error;
  } finally {
    for (const span of spans) span.end();
  }
}
