import { context, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, describe, expect, it } from 'vitest';
import { endUpstreamSpan, startUpstreamSpan } from './genai.span.js';
import { startServerSpan } from './http.span.js';
import { producerHeaders, traceBatch } from './messaging.span.js';
import { contextFromHeaders, traceHeaders } from './trace.headers.js';
import { startTracing, type TracingHandle } from './tracing.start.js';
import { ktTracer, tracingEnabled } from './tracing.state.js';

const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/;
const target = { id: 't', vendor: 'azure', model: 'gpt-4o' };

// Order matters: the first block runs before a provider is registered in this file's process.
describe('with tracing off', () => {
  it('the OTEL_* defaults leave it off', () => {
    expect(startTracing('gateway', { env: {} }).enabled).toBe(false);
    expect(tracingEnabled()).toBe(false);
  });

  it('warns once and stays off when OTEL_TRACES_EXPORTER names only exporters kt does not ship', () => {
    const warnings: string[] = [];
    const options = { env: { OTEL_TRACES_EXPORTER: 'zipkin' }, warn: (m: string) => warnings.push(m) };
    expect(startTracing('gateway', options).enabled).toBe(false);
    expect(startTracing('gateway', options).enabled).toBe(false);
    expect(tracingEnabled()).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/OTEL_TRACES_EXPORTER: .*zipkin.* no traces/);
  });

  it('creates no spans and formats no headers', async () => {
    expect(startUpstreamSpan('chat', target, 'g', 1)).toBeUndefined();
    expect(startServerSpan('POST', '/v1/chat/completions', {})).toBeUndefined();
    expect(producerHeaders('topic', 'key')).toBeUndefined();
    expect(traceHeaders()).toBeUndefined();
    expect(
      contextFromHeaders({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }),
    ).toBeUndefined();
    await expect(
      traceBatch({ topic: 't', partition: 0, messages: [] }, () => Promise.resolve(7)),
    ).resolves.toBe(7);
  });
});

describe('with tracing on', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: TracingHandle;
  afterAll(() => tracing.shutdown());

  it('registers a provider once', () => {
    tracing = startTracing('test', { exporter });
    expect(tracing.enabled).toBe(true);
    expect(startTracing('again', { env: {} })).toBe(tracing);
  });

  it('gives an upstream attempt a client span with the GenAI and kt attributes', () => {
    exporter.reset();
    const span = startUpstreamSpan('chat', target, 'g', 1);
    endUpstreamSpan(span, { responseModel: 'gpt-4o-2024', inputTokens: 11, outputTokens: 7, status: 200 });
    const [done] = exporter.getFinishedSpans();
    expect(done?.kind).toBe(SpanKind.CLIENT);
    expect(done?.name).toBe('chat gpt-4o');
    expect(done?.attributes).toMatchObject({
      'gen_ai.system': 'az.ai.openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.model': 'gpt-4o-2024',
      'gen_ai.usage.input_tokens': 11,
      'gen_ai.usage.output_tokens': 7,
      'kt.group': 'g',
      'kt.target': 't',
      'kt.attempt': 1,
    });
  });

  it('continues the caller trace in the server span', () => {
    const caller = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const server = startServerSpan('POST', '/v1/chat/completions', { traceparent: caller });
    expect(server?.span.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    server?.span.end();
  });

  it('carries the producer span in traceparent, which the consumer side reads back', () => {
    exporter.reset();
    const parent = ktTracer().startSpan('request');
    const headers = context.with(trace.setSpan(context.active(), parent), () => producerHeaders('kt.t', 'k'));
    parent.end();
    expect(headers?.traceparent).toMatch(TRACEPARENT);
    const producer = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.PRODUCER);
    expect(producer?.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    const extracted = contextFromHeaders({ traceparent: Buffer.from(headers!.traceparent!) });
    expect(trace.getSpanContext(extracted!)?.spanId).toBe(producer?.spanContext().spanId);
  });

  it('sends no header when no trace is active', () => {
    expect(producerHeaders('kt.t', 'k')).toBeUndefined();
  });

  it('processes a batch under one linked span plus one child span per traced event', async () => {
    exporter.reset();
    const a = ktTracer().startSpan('a');
    const b = ktTracer().startSpan('b');
    const headersOf = (span: typeof a) =>
      context.with(trace.setSpan(context.active(), span), () => traceHeaders());
    const seen = await traceBatch(
      {
        topic: 'kt.t',
        partition: 2,
        group: 'ledger',
        messages: [
          { offset: '5', headers: headersOf(a) },
          { offset: '6' },
          { offset: '7', headers: headersOf(b) },
        ],
      },
      () => Promise.resolve(trace.getActiveSpan()?.spanContext().spanId),
    );
    const spans = exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.CONSUMER);
    const batch = spans.find((s) => s.parentSpanContext === undefined);
    expect(seen).toBe(batch?.spanContext().spanId);
    expect(batch?.links.map((l) => l.context.spanId)).toEqual([
      a.spanContext().spanId,
      b.spanContext().spanId,
    ]);
    expect(batch?.attributes).toMatchObject({
      'messaging.batch.message_count': 3,
      'messaging.consumer.group.name': 'ledger',
    });
    const children = spans.filter((s) => s !== batch);
    expect(
      children.map((s) => [
        s.spanContext().traceId,
        s.parentSpanContext?.spanId,
        s.attributes['messaging.kafka.offset'],
      ]),
    ).toEqual([
      [a.spanContext().traceId, a.spanContext().spanId, 5],
      [b.spanContext().traceId, b.spanContext().spanId, 7],
    ]);
  });

  it('marks the batch spans failed when the work throws, and rethrows', async () => {
    exporter.reset();
    const work = () => Promise.reject(new Error('db down'));
    await expect(
      traceBatch({ topic: 'kt.t', partition: 0, messages: [{ offset: '1' }] }, work),
    ).rejects.toThrow('db down');
    expect(exporter.getFinishedSpans()[0]?.status.code).toBe(2);
  });
});
