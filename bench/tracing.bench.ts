// Tracing cost on the gateway's hot path: the span and header calls one chat request makes, measured
// as (1) a build with no tracing calls, (2) the calls with tracing off (OTEL_* unset), (3) tracing on
// with a batch processor and a discarding exporter. Run by hand, never as a timed test:
//   node --import ./bin/register.js bench/tracing.bench.ts [iterations]
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import {
  annotateRequestSpan,
  endServerSpan,
  endUpstreamSpan,
  producerHeaders,
  startServerSpan,
  startTracing,
  startUpstreamSpan,
  withTraceContext,
} from '@kt/telemetry';

const ITERATIONS = Number(process.argv[2] ?? 200_000);
const ROUNDS = 7;
const HEADERS = { 'content-type': 'application/json', authorization: 'Bearer k', 'x-request-id': 'r-1' };

interface RecordLike {
  readonly topic: string;
  readonly key: string;
  readonly value: Buffer;
  headers?: Record<string, string>;
}
const VALUE = Buffer.from('{}');
const TARGET = { id: 'openai-main', vendor: 'openai', model: 'gpt-5.4-mini' };
let sink = 0;

/** What the request does around the spans anyway (a record to publish), without any tracing call. */
function untraced(i: number): void {
  const record: RecordLike = { topic: 'kt.route-events.v1', key: `r-${i}`, value: VALUE };
  sink += record.key.length;
}

/** The same, plus every tracing call the gateway makes for one request with one attempt. */
function traced(i: number): void {
  const server = startServerSpan('POST', '/v1/chat/completions', HEADERS);
  if (server === undefined) return handle(i);
  withTraceContext(server.context, () => handle(i));
  endServerSpan(server, 200);
}

function handle(i: number): void {
  annotateRequestSpan('kt.group', 'production-llm');
  const span = startUpstreamSpan('chat', TARGET, 'production-llm', 1);
  // As the gateway does: the end attributes are built only when there is a span.
  if (span !== undefined) {
    endUpstreamSpan(span, { responseModel: 'gpt-5.4-mini', inputTokens: 12, outputTokens: 8, status: 200 });
  }
  const record: RecordLike = { topic: 'kt.route-events.v1', key: `r-${i}`, value: VALUE };
  const headers = producerHeaders(record.topic, record.key);
  if (headers !== undefined) record.headers = headers;
  sink += record.key.length;
}

function nsPerOp(fn: (i: number) => void): number {
  const began = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) fn(i);
  return Number(process.hrtime.bigint() - began) / ITERATIONS;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Interleaved rounds, medians: the box is shared, so single runs are noisy. */
function measure(variants: Record<string, (i: number) => void>): Record<string, number> {
  const samples: Record<string, number[]> = {};
  for (const fn of Object.values(variants)) nsPerOp(fn); // warm up (JIT)
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, fn] of Object.entries(variants)) (samples[name] ??= []).push(nsPerOp(fn));
  }
  return Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, median(s)]));
}

class DiscardingExporter implements SpanExporter {
  export(_spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    done({ code: 0 });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const off = measure({ 'no tracing calls': untraced, 'tracing off': traced });
// With an exporter tracing is on; batched as the OTLP exporter is in production.
const tracing = startTracing('bench', { exporter: new DiscardingExporter(), batch: true });
const on = measure({ 'tracing on': traced });
await tracing.shutdown();

const results = { ...off, ...on };
const base = results['no tracing calls']!;
process.stdout.write(`tracing cost per request (${ITERATIONS} iterations × ${ROUNDS} rounds, median)\n`);
for (const [name, ns] of Object.entries(results)) {
  process.stdout.write(
    `  ${name.padEnd(18)} ${ns.toFixed(1).padStart(8)} ns/op  (+${(ns - base).toFixed(1)} ns)\n`,
  );
}
if (sink < 0) process.stdout.write('unreachable\n');
