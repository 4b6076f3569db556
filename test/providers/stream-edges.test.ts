import {
  createAdapters,
  UpstreamError,
  UpstreamHttp,
  type ProviderAdapter,
  type Vendor,
} from '@kt/providers';
import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callOf, chatBody, collect, failureOf, TIMEOUTS } from './providers.fixture.js';
import {
  anthropicEvent,
  openAIChunk,
  sseHead,
  startScriptedServer,
  waitFor,
  type RecordedRequest,
  type ScriptedServer,
} from './scripted.server.js';

const KEY = 'sk-scripted-secret-0001';
const anthropicStart = anthropicEvent('message_start', {
  message: {
    id: 'msg_s',
    type: 'message',
    role: 'assistant',
    model: 'claude-s',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 3, output_tokens: 1 },
  },
});

describe('streams and requests at the edges, against a scripted upstream', () => {
  let server: ScriptedServer | null = null;
  let http: UpstreamHttp;

  beforeEach(() => {
    http = new UpstreamHttp();
  });
  afterEach(async () => {
    await http.close();
    await server?.close();
    server = null;
  });

  async function serve(
    vendor: Vendor,
    script: (res: ServerResponse, request: RecordedRequest) => void,
  ): Promise<ProviderAdapter> {
    server = await startScriptedServer(script);
    const adapter = createAdapters(
      { OPENAI_BASE_URL: server.url, AZURE_OPENAI_ENDPOINT: server.url, ANTHROPIC_BASE_URL: server.url },
      http,
    ).get(vendor);
    if (adapter === undefined) throw new Error(vendor);
    return adapter;
  }
  const target = (vendor: Vendor, extra: Record<string, unknown> = {}) => ({
    vendor,
    model: 'upstream-model',
    ...extra,
  });

  it('throws aborted from the iterator when the client leaves mid-stream, and the upstream socket closes', async () => {
    const adapter = await serve('openai', (res) => {
      sseHead(res);
      res.write(openAIChunk('first'));
    });
    const client = new AbortController();
    const stream = await adapter.chatStream(
      callOf(target('openai'), KEY, chatBody(), { signal: client.signal }),
    );
    const error = await failureOf(async () => {
      for await (const _chunk of stream) client.abort();
    });
    expect(error).toMatchObject({ errorKind: 'aborted', status: 200 });
    await waitFor(() => server?.requestSocketOpen(0) === false);
    expect(server?.requests).toHaveLength(1);
  });

  it('closes the upstream socket when the consumer stops reading early', async () => {
    const adapter = await serve('openai', (res) => {
      sseHead(res);
      res.write(openAIChunk('a') + openAIChunk('b'));
    });
    const stream = await adapter.chatStream(callOf(target('openai'), KEY, chatBody()));
    for await (const _chunk of stream) break;
    await waitFor(() => server?.requestSocketOpen(0) === false);
    expect(server?.requests).toHaveLength(1);
  });

  it('closes the upstream socket when the gateway closes a stream it will not read', async () => {
    const adapter = await serve('openai', (res) => {
      sseHead(res);
      res.write(openAIChunk('a'));
    });
    const stream = await adapter.chatStream(callOf(target('openai'), KEY, chatBody()));
    stream.close();
    await waitFor(() => server?.requestSocketOpen(0) === false);
    expect(server?.requests).toHaveLength(1);
  });

  it('keeps the socket for reuse when a completed stream is closed', async () => {
    // The body ends a little after [DONE], so close() lands while kt drains it for reuse.
    const adapter = await serve('openai', (res) => {
      sseHead(res);
      res.write(openAIChunk('a', 'stop') + 'data: [DONE]\n\n');
      setTimeout(() => res.end(), 100);
    });
    const stream = await adapter.chatStream(callOf(target('openai'), KEY, chatBody()));
    await collect(stream);
    stream.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server?.requestSocketOpen(0)).toBe(true);
  });

  it('times out before the first token even when the headers came at once', async () => {
    const adapter = await serve('openai', (res) => sseHead(res));
    const started = Date.now();
    const error = await failureOf(
      adapter.chatStream(
        callOf(target('openai'), KEY, chatBody(), { timeouts: { ...TIMEOUTS, firstTokenMs: 150 } }),
      ),
    );
    expect(error).toMatchObject({
      errorKind: 'timeout',
      status: 200,
      message: 'openai target openai-target: no first token within 150 ms',
    });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('throws timeout from the iterator when a started stream outlives the total limit', async () => {
    const adapter = await serve('openai', (res) => {
      sseHead(res);
      res.write(openAIChunk('first'));
    });
    const stream = await adapter.chatStream(
      callOf(target('openai'), KEY, chatBody(), { timeouts: { ...TIMEOUTS, totalMs: 300 } }),
    );
    const error = await failureOf(collect(stream));
    expect(error).toMatchObject({
      errorKind: 'timeout',
      message: 'openai target openai-target: stream not finished within 300 ms',
    });
  });

  it('ends the iteration at [DONE] even if the upstream keeps the response open', async () => {
    const adapter = await serve('openai', (res) => {
      sseHead(res);
      res.write(openAIChunk('a', 'stop') + 'data: [DONE]\n\n');
    });
    const started = Date.now();
    const chunks = await collect(await adapter.chatStream(callOf(target('openai'), KEY, chatBody())));
    expect(chunks).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(500);
    // The keep-alive drain gives up after a second and lets the socket go.
    await waitFor(() => server?.requestSocketOpen(0) === false, 3_000);
  });

  it('throws a server error from the iterator for an error event inside an OpenAI stream', async () => {
    const adapter = await serve('openai', (res) => {
      sseHead(res);
      res.end(
        openAIChunk('a') +
          `data: ${JSON.stringify({ error: { message: 'The server had an error', type: 'server_error' } })}\n\n`,
      );
    });
    const error = await failureOf(
      collect(await adapter.chatStream(callOf(target('openai'), KEY, chatBody()))),
    );
    expect(error).toMatchObject({
      errorKind: 'server_error',
      message: 'openai target openai-target: error inside the stream: The server had an error',
    });
  });

  it('throws service_unavailable from the iterator for an overloaded error event inside an Anthropic stream', async () => {
    const adapter = await serve('anthropic', (res) => {
      sseHead(res);
      res.end(
        anthropicStart +
          anthropicEvent('error', { error: { type: 'overloaded_error', message: 'Overloaded' } }),
      );
    });
    const stream = await adapter.chatStream(callOf(target('anthropic'), KEY, chatBody()));
    const error = await failureOf(collect(stream));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({
      errorKind: 'service_unavailable',
      body: { error: { code: 'overloaded_error' } },
    });
  });

  it('calls a JSON answer to a stream request malformed', async () => {
    const adapter = await serve('openai', (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"x","choices":[]}');
    });
    expect(await failureOf(adapter.chatStream(callOf(target('openai'), KEY, chatBody())))).toMatchObject({
      errorKind: 'malformed_response',
      status: 200,
    });
  });

  it('redacts a key the upstream echoes in its error', async () => {
    const adapter = await serve('openai', (res, request) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: {
            message: `bad key ${String(request.headers.authorization)}`,
            type: 'invalid_request_error',
          },
        }),
      );
    });
    const error = (await failureOf(adapter.chat(callOf(target('openai'), KEY, chatBody())))) as UpstreamError;
    expect(error.errorKind).toBe('client_error');
    expect(error.message).toBe('openai target openai-target: HTTP 401: bad key Bearer [redacted]');
    expect(JSON.stringify(error.body)).not.toContain(KEY);
  });

  it('sends OpenAI the client body with the upstream model, forcing include_usage on streams', async () => {
    const adapter = await serve('openai', (res) => {
      sseHead(res);
      res.end(openAIChunk('a', 'stop') + 'data: [DONE]\n\n');
    });
    const body = chatBody({
      model: 'logical',
      metadata: { team: 'x' },
      stream_options: { include_obfuscation: false },
      temperature: 1.5,
    });
    await collect(await adapter.chatStream(callOf(target('openai'), KEY, body)));
    expect(server?.requests[0]).toMatchObject({
      url: '/chat/completions',
      headers: { authorization: `Bearer ${KEY}` },
      body: {
        ...body,
        model: 'upstream-model',
        stream: true,
        stream_options: { include_obfuscation: false, include_usage: true },
      },
    });
  });

  it('sends a JSON chat without stream flags', async () => {
    const adapter = await serve('openai', (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'c',
          object: 'chat.completion',
          created: 1,
          model: 'm',
          choices: [{ index: 0, message: { role: 'assistant', content: 'x' }, finish_reason: 'stop' }],
        }),
      );
    });
    const result = await adapter.chat(
      callOf(target('openai'), KEY, chatBody({ stream: true, stream_options: { include_usage: true } })),
    );
    expect(result.usage).toBeNull();
    expect(server?.requests[0]?.body).toEqual({ model: 'upstream-model', messages: chatBody().messages });
  });

  it('sends Azure the deployment path, api-version and api-key header', async () => {
    const adapter = await serve('azure', (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          object: 'list',
          data: [],
          model: 'm',
          usage: { prompt_tokens: 1, total_tokens: 1 },
        }),
      );
    });
    await adapter.embeddings!(
      callOf(target('azure', { model: 'my deployment', apiVersion: '2025-01-01-preview' }), KEY, {
        model: 'x',
        input: 'hi',
      }),
    );
    expect(server?.requests[0]).toMatchObject({
      url: '/openai/deployments/my%20deployment/embeddings?api-version=2025-01-01-preview',
      headers: { 'api-key': KEY },
    });
    expect(server?.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('sends Anthropic a translated request with its version header', async () => {
    const adapter = await serve('anthropic', (res) => {
      sseHead(res);
      res.end(
        anthropicStart +
          anthropicEvent('message_delta', {
            delta: { stop_reason: 'end_turn', stop_sequence: null },
            usage: { output_tokens: 2 },
          }) +
          anthropicEvent('message_stop'),
      );
    });
    const stream = await adapter.chatStream(
      callOf(
        target('anthropic'),
        KEY,
        chatBody({
          messages: [
            { role: 'system', content: 'be brief' },
            { role: 'user', content: 'hi' },
          ],
        }),
      ),
    );
    await collect(stream);
    expect(stream.usage).toEqual({ inputTokens: 3, outputTokens: 2 });
    expect(server?.requests[0]).toMatchObject({
      url: '/v1/messages',
      headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
      body: {
        model: 'upstream-model',
        system: 'be brief',
        messages: [{ role: 'user', content: 'hi' }],
        max_tokens: 4096,
        stream: true,
      },
    });
  });
});
