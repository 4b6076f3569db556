import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { ktTracer, startTracing } from '@kt/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTraceHeaders } from './record.tracing.js';
import { decodeSegment, encodeRecord, SEGMENT_HEADER } from './spool.format.js';

const record = { topic: 'kt.route-events.v1', key: 'req-1', value: Buffer.from('{}'), headers: { a: 'b' } };

describe('withTraceHeaders', () => {
  it('returns the same record when tracing is off', () => {
    expect(withTraceHeaders(record)).toBe(record);
  });

  describe('with tracing on', () => {
    let tracing: ReturnType<typeof startTracing>;
    beforeAll(() => {
      tracing = startTracing('bus-test', { exporter: new InMemorySpanExporter() });
    });
    afterAll(() => tracing.shutdown());

    it('adds traceparent next to the record headers, and the spool keeps it', () => {
      const span = ktTracer().startSpan('request');
      const traced = context.with(trace.setSpan(context.active(), span), () => withTraceHeaders(record));
      span.end();
      expect(traced.headers).toMatchObject({
        a: 'b',
        traceparent: expect.stringContaining(span.spanContext().traceId),
      });
      const segment = Buffer.concat([SEGMENT_HEADER, encodeRecord(traced)]);
      expect(decodeSegment(segment).records[0]?.headers).toEqual(traced.headers);
    });
  });
});
