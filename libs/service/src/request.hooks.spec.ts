import { Writable } from 'node:stream';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { createLogger, currentLogContext, startTracing } from '@kt/telemetry';
import { fastify } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { instrumentRequests, requestIdOf } from './request.hooks.js';

const quiet = createLogger({
  service: 'test',
  env: {},
  destination: new Writable({ write: (_c, _e, done) => done() }),
});

async function appSeeing(): Promise<ReturnType<typeof fastify>> {
  const app = fastify({ genReqId: requestIdOf });
  instrumentRequests(app, quiet);
  // A POST with a body: the handler runs after the body was read, in another async context.
  app.post('/echo', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return {
      requestId: currentLogContext()?.request_id ?? null,
      traceId: trace.getActiveSpan()?.spanContext().traceId ?? null,
    };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

/** A real HTTP request whose body arrives in two pieces, the second one later. */
async function post(app: ReturnType<typeof fastify>, headers: Record<string, string>): Promise<unknown> {
  const { port } = app.server.address() as { port: number };
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(new TextEncoder().encode('{"a":'));
      await new Promise((resolve) => setTimeout(resolve, 30));
      controller.enqueue(new TextEncoder().encode('1}'));
      controller.close();
    },
  });
  const res = await fetch(`http://127.0.0.1:${port}/echo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);
  return res.json();
}

describe('requestIdOf', () => {
  it.each([
    ['a sane x-request-id', 'req-1.a:b', 'req-1.a:b'],
    ['one with spaces', 'not ok', undefined],
    ['one that is too long', 'x'.repeat(129), undefined],
  ])('keeps %s only if it is safe', (_label, given, expected) => {
    const id = requestIdOf({ headers: { 'x-request-id': given } } as never);
    if (expected) expect(id).toBe(expected);
    else expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('instrumentRequests', () => {
  it('keeps the request id in the handler, after the body was read, with tracing off', async () => {
    const app = await appSeeing();
    expect(await post(app, { 'x-request-id': 'r-9' })).toEqual({ requestId: 'r-9', traceId: null });
    await app.close();
  });

  describe('with tracing on', () => {
    const exporter = new InMemorySpanExporter();
    const tracing = { handle: undefined as ReturnType<typeof startTracing> | undefined };
    afterAll(() => tracing.handle?.shutdown());

    it('runs the handler in a server span that continues the caller trace', async () => {
      tracing.handle = startTracing('test', { exporter });
      const app = await appSeeing();
      expect(
        await post(app, { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }),
      ).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
      await app.close();
      const [server] = exporter.getFinishedSpans();
      expect(server?.name).toBe('POST /echo');
      expect(server?.attributes['http.response.status_code']).toBe(200);
    });
  });
});
