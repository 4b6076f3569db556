import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { INestApplication } from '@nestjs/common';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafka, ensureTopics, highWatermarks } from '@kt/bus';
import { ROUTE_EVENTS_TOPIC, topicConfigs } from '@kt/contracts';
import { listenPort } from '../support/listen.port.js';
import { bootstrapService, loadEnv } from '@kt/service';
import { startTracing, type TracingHandle } from '@kt/telemetry';
import { GatewayEnv } from '../../apps/gateway/src/gateway.env.js';
import { GatewayModule } from '../../apps/gateway/src/gateway.module.js';
import { LedgerEnv } from '../../apps/ledger/src/ledger.env.js';
import { LedgerModule } from '../../apps/ledger/src/ledger.module.js';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { chatBody, GATEWAY_KEY, requestId, SEED_PACK, startSims } from '../gateway/gateway.fixture.js';
import { createDatabase } from '../ledger/budgets.fixture.js';
import { kafkaBrokers } from '../setup/infra.js';
import { simulatorEnv } from '../support/service.process.js';
import { TEST_LEDGER_TOKENS } from '../support/service.credentials.js';
import { kafkaAdmin } from '../support/kafka.client.js';

const APPLY_SPAN = `process ${ROUTE_EVENTS_TOPIC}`;

/**
 * The gateway and the ledger, both real Nest apps, run in this process with one tracer provider that
 * exports to memory: one request must leave one trace from the gateway to the ledger's apply.
 */
describe('one trace from the client through the gateway and Kafka to the ledger', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: TracingHandle;
  let sims: Simulators;
  let ledger: INestApplication;
  let gateway: INestApplication;
  let gatewayUrl: string;

  beforeAll(async () => {
    tracing = startTracing('trace-test', { exporter });
    sims = await startSims();
    const dir = mkdtempSync(join(tmpdir(), 'kt-trace-test-'));
    writeFileSync(join(dir, 'pack.yaml'), SEED_PACK);
    // Provider URLs and keys, and the gateway keys, are read from the process environment.
    Object.assign(process.env, simulatorEnv(sims), { KT_API_KEYS: `${GATEWAY_KEY}:qa`, LOG_LEVEL: 'warn' });

    const kafka = createKafka({ clientId: 'kt-trace-test', brokers: kafkaBrokers() });
    await ensureTopics(kafka, topicConfigs());
    // A fresh consumer group starting at the topic's end: only this test's event is applied.
    const group = `kt-ledger-trace-${process.pid}-${Date.now()}`;
    const admin = kafkaAdmin(kafka);
    await admin.connect();
    const ends = await highWatermarks(kafka, ROUTE_EVENTS_TOPIC);
    await admin.setOffsets({
      groupId: group,
      topic: ROUTE_EVENTS_TOPIC,
      partitions: [...ends].map(([partition, offset]) => ({ partition, offset: offset.toString() })),
    });
    await admin.disconnect();

    const ledgerPort = await listenPort();
    const ledgerEnv = loadEnv(LedgerEnv, {
      LEDGER_PORT: String(ledgerPort),
      KAFKA_BROKERS: kafkaBrokers(),
      DATABASE_URL: await createDatabase(),
      LEDGER_CONSUMER_GROUP: group,
      LEDGER_TOKENS: TEST_LEDGER_TOKENS,
    });
    ledger = await bootstrapService(LedgerModule.forRoot(ledgerEnv, process.env), {
      name: 'ledger',
      port: ledgerPort,
      env: process.env,
    });

    const gatewayPort = await listenPort();
    const gatewayEnv = loadEnv(GatewayEnv, {
      GATEWAY_PORT: String(gatewayPort),
      KAFKA_BROKERS: kafkaBrokers(),
      KT_PACK: join(dir, 'pack.yaml'),
      KT_SPOOL_DIR: join(dir, 'spool'),
    });
    gateway = await bootstrapService(GatewayModule.forRoot(gatewayEnv, process.env), {
      name: 'gateway',
      port: gatewayPort,
      env: process.env,
    });
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  });

  afterAll(async () => {
    await gateway?.close();
    await ledger?.close();
    await sims?.stop();
    await tracing?.shutdown();
  });

  it('links the server span, the upstream call with GenAI attributes, the produce and the apply', async () => {
    const id = requestId('trace');
    const client = new OpenAI({
      apiKey: GATEWAY_KEY,
      baseURL: `${gatewayUrl}/v1`,
      maxRetries: 0,
      defaultHeaders: { 'x-request-id': id },
    });
    const { data: completion, response } = await client.chat.completions
      .create(chatBody() as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming)
      .withResponse();
    expect(response.status).toBe(200);

    // kt's own id: the caller's x-request-id is kept beside it in the route event, never in its place.
    const ours = response.headers.get('x-request-id');
    const server = await waitForSpan(
      exporter,
      (s) => s.kind === SpanKind.SERVER && s.attributes['kt.request_id'] === ours,
    );
    const traceId = server.spanContext().traceId;
    const apply = await waitForSpan(
      exporter,
      (s) => s.name === APPLY_SPAN && s.spanContext().traceId === traceId,
    );
    const inTrace = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    const upstream = inTrace.filter((s) => s.kind === SpanKind.CLIENT);
    const produce = inTrace.filter((s) => s.kind === SpanKind.PRODUCER);

    expect(server).toMatchObject({ name: 'POST /v1/chat/completions' });
    expect(server.attributes).toMatchObject({
      'kt.group': 'production-llm',
      'http.response.status_code': 200,
    });
    expect(upstream).toHaveLength(1);
    expect(upstream[0]!.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(upstream[0]!.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.system': response.headers.get('x-kt-provider') === 'azure' ? 'az.ai.openai' : 'openai',
      'gen_ai.request.model': expect.any(String),
      'gen_ai.response.model': completion.model,
      'gen_ai.usage.input_tokens': completion.usage?.prompt_tokens,
      'gen_ai.usage.output_tokens': completion.usage?.completion_tokens,
      'kt.group': 'production-llm',
      'kt.target': response.headers.get('x-kt-target'),
      'kt.attempt': 1,
    });
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
    expect(produce).toHaveLength(1);
    expect(produce[0]!.name).toBe(`send ${ROUTE_EVENTS_TOPIC}`);
    expect(produce[0]!.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(apply.kind).toBe(SpanKind.CONSUMER);
    expect(apply.parentSpanContext?.spanId).toBe(produce[0]!.spanContext().spanId);
    // The batch's own span links to the event it applied.
    const batch = exporter
      .getFinishedSpans()
      .find((s) => s.name === APPLY_SPAN && s.links.some((l) => l.context.traceId === traceId));
    expect(batch?.parentSpanContext).toBeUndefined();
  });

  it('ends a streamed attempt span once the stream was read, with the stream usage', async () => {
    const id = requestId('trace-stream');
    const client = new OpenAI({
      apiKey: GATEWAY_KEY,
      baseURL: `${gatewayUrl}/v1`,
      maxRetries: 0,
      defaultHeaders: { 'x-request-id': id },
    });
    const { data: stream, response } = await client.chat.completions
      .create({
        ...(chatBody() as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming),
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) usage = chunk.usage ?? usage;

    const ours = response.headers.get('x-request-id');
    const server = await waitForSpan(
      exporter,
      (s) => s.kind === SpanKind.SERVER && s.attributes['kt.request_id'] === ours,
    );
    const traceId = server.spanContext().traceId;
    await waitForSpan(exporter, (s) => s.name === APPLY_SPAN && s.spanContext().traceId === traceId);
    const upstream = exporter
      .getFinishedSpans()
      .filter((s) => s.spanContext().traceId === traceId && s.kind === SpanKind.CLIENT);
    expect(upstream).toHaveLength(1);
    expect(upstream[0]!.attributes).toMatchObject({
      'gen_ai.usage.input_tokens': usage?.prompt_tokens,
      'gen_ai.usage.output_tokens': usage?.completion_tokens,
    });
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });
});

async function waitForSpan(
  exporter: InMemorySpanExporter,
  match: (span: ReadableSpan) => boolean,
  timeoutMs = 30_000,
): Promise<ReadableSpan> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = exporter.getFinishedSpans().find(match);
    if (found) return found;
    if (Date.now() > deadline) {
      const names = exporter.getFinishedSpans().map((s) => s.name);
      throw new Error(`no matching span within ${timeoutMs} ms; spans: ${names.join(', ')}`);
    }
    await sleep(100);
  }
}
