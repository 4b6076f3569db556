import { Injectable } from '@nestjs/common';
import { MAX_OUTPUT_TOKENS, type Endpoint } from '@kt/contracts';
import {
  UpstreamError,
  type ChatCompletion,
  type ChatCompletionChunk,
  type ChatRequest,
  type UpstreamResponse,
  type UpstreamStream,
} from '@kt/providers';
import { promptLoggingEnabled, serviceLogger } from '@kt/telemetry';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../auth/gateway-key.store.js';
import type { RouteRecord } from '../events/route.record.js';
import { optionalInteger, requireModel, type Fields } from '../http/request.fields.js';
import { RouteResponder, type ErrorFormat } from '../http/route.responder.js';
import { SseWriter } from '../http/sse.writer.js';
import { requestedDataPolicy } from '../routing/requested-data-policy.js';
import { RouteExecutor, type RouteOptions, type Served } from '../routing/route.executor.js';
import { GatewayRuntime } from '../runtime/gateway.runtime.js';
import { SemanticRouter } from '../semantic/semantic.router.js';
import type { PackRuntime } from '../runtime/pack.runtime.js';
import { chatUsageBound } from '../budgets/usage.bound.js';
import { checkBounds, parseChatRequest } from './chat-request.parser.js';
import { DeliveredText } from './delivered.text.js';
import { relayStream } from './stream.relay.js';
import { billedStreamUsage } from './stream.usage.js';

/** How an ingress speaks: the OpenAI one as is, the Anthropic one through translation. */
export interface ChatDialect {
  readonly endpoint: Endpoint;
  /** The canonical (OpenAI) request; throws a GatewayError naming the field on bad input. */
  parse(body: unknown): ChatRequest;
  respond(completion: ChatCompletion): unknown;
  /** Turns the canonical chunks into what this client expects on the wire. */
  streamEncoder(request: ChatRequest): StreamEncoder;
  readonly errorFormat?: ErrorFormat;
}

export interface StreamEncoder {
  chunk(chunk: ChatCompletionChunk): string;
  end(): string;
  error(error: UpstreamError): string;
}

/** Chat completions for every ingress: route, answer (JSON or SSE), record. */
@Injectable()
export class ChatHandler {
  /** Prompts and completions reach the logs only when the operator turned that on. */
  private readonly logPrompts = promptLoggingEnabled();

  constructor(
    private readonly gateway: GatewayRuntime,
    private readonly executor: RouteExecutor,
    private readonly responder: RouteResponder,
    private readonly semantic: SemanticRouter,
  ) {}

  async handle(
    request: FastifyRequest,
    reply: FastifyReply,
    body: unknown,
    dialect: ChatDialect,
  ): Promise<void> {
    const runtime = this.gateway.current;
    let caller: Caller;
    let chat: ChatRequest;
    try {
      caller = this.responder.authenticate(runtime, request);
      chat = dialect.parse(body);
      checkCanonical(chat, dialect.endpoint);
    } catch (error) {
      this.responder.refuse(reply, request, dialect.endpoint, error, dialect.errorFormat);
      return;
    }
    const record = this.responder.open(request, dialect.endpoint, chat.stream === true, chat.model, caller);
    try {
      const dataPolicy = requestedDataPolicy(request.headers);
      const semantic = await this.semantic.decide(runtime, chat);
      if (semantic) record.semanticRoute = `${semantic.route} (${semantic.method})`;
      const options: RouteOptions = { dataPolicy, ...(semantic && { semantic }) };
      const signal = this.responder.clientSignal(reply);
      if (chat.stream) await this.streamed(runtime, record, chat, signal, reply, dialect, options);
      else await this.json(runtime, record, chat, signal, reply, dialect, options);
    } catch (error) {
      this.responder.sendError(reply, record, runtime, error, dialect.errorFormat);
    }
  }

  private async json(
    runtime: PackRuntime,
    record: RouteRecord,
    chat: ChatRequest,
    signal: AbortSignal,
    reply: FastifyReply,
    dialect: ChatDialect,
    options: RouteOptions,
  ): Promise<void> {
    const served = await this.executor.run(
      runtime,
      record,
      chat.model,
      signal,
      {
        kind: 'chat',
        streaming: false,
        usageBound: chatUsageBound(chat),
        invoke: (adapter, call) => adapter.chat({ ...call, body: chat }),
        usage: (result: UpstreamResponse<ChatCompletion>) => result.usage,
      },
      options,
    );
    this.responder.sendJson(reply, record, runtime, 200, dialect.respond(served.result.body));
    if (this.logPrompts) {
      serviceLogger().info(
        { prompt: chat.messages, completion: served.result.body.choices },
        'chat exchange',
      );
    }
  }

  private async streamed(
    runtime: PackRuntime,
    record: RouteRecord,
    chat: ChatRequest,
    signal: AbortSignal,
    reply: FastifyReply,
    dialect: ChatDialect,
    options: RouteOptions,
  ): Promise<void> {
    const served: Served<UpstreamStream> = await this.executor.run(
      runtime,
      record,
      chat.model,
      signal,
      {
        kind: 'chat',
        streaming: true,
        usageBound: chatUsageBound(chat),
        invoke: (adapter, call) => adapter.chatStream({ ...call, body: chat }),
        usage: () => null,
      },
      options,
    );
    if (this.logPrompts) serviceLogger().info({ prompt: chat.messages }, 'chat exchange (streamed)');
    // From here on the client has the first byte: a failure can no longer fall back, only be reported.
    const encoder = dialect.streamEncoder(chat);
    const writer = new SseWriter(reply, this.responder.headers(record));
    const upstream = served.result;
    const began = performance.now() - served.attempt.latencyMs;
    // What the client got, to be billed by if the upstream never reports its usage.
    const delivered = new DeliveredText();
    let failure: UpstreamError | undefined;
    try {
      failure = await relayStream(upstream, (data) => writer.write(data), encoder, delivered, signal);
    } finally {
      upstream.close();
      writer.end();
    }
    const durationMs = performance.now() - began;
    record.upstreamMs += durationMs - served.attempt.latencyMs;
    // Counting happens after the client has its answer: kept out of overhead_ms, which is the
    // latency kt adds to the client's request.
    const countingBegan = performance.now();
    const billed = await billedStreamUsage(upstream, delivered, chat, served.target);
    record.afterResponseMs += performance.now() - countingBegan;
    this.executor.settleStream(served, { ...billed, error: failure, durationMs });
    if (!failure) {
      this.responder.finish(record, runtime, { status: 200, errorCode: null, rejected: false });
    } else if (failure.errorKind === 'aborted') {
      this.responder.finish(record, runtime, { status: 499, errorCode: null, rejected: false });
    } else {
      this.responder.finish(record, runtime, { status: 200, errorCode: 'upstream_error', rejected: false });
    }
  }
}

export const OPENAI_DIALECT: ChatDialect = {
  endpoint: 'chat.completions',
  parse: parseChatRequest,
  respond: (completion) => completion,
  streamEncoder: () => ({
    chunk: (chunk) => `data: ${JSON.stringify(chunk)}\n\n`,
    end: () => 'data: [DONE]\n\n',
    // An explicit error event, never a silent end: clients must not take a cut answer for a whole one.
    error: (error) =>
      `data: ${JSON.stringify({ error: { message: `upstream stream failed: ${error.errorKind}`, type: 'upstream_error', code: 'upstream_error' } })}\n\n`,
  }),
};

/**
 * The caps and bounds on the canonical request, whichever dialect produced it: the model travels in
 * the route event, and max_tokens × n sizes the budget reservation.
 */
function checkCanonical(chat: ChatRequest, endpoint: Endpoint): void {
  const fields = chat as unknown as Fields;
  requireModel(fields);
  // The Anthropic ingress's max_tokens arrives as max_completion_tokens: named as the client sent it.
  if (endpoint === 'messages') {
    optionalInteger({ max_tokens: fields.max_completion_tokens }, 'max_tokens', 1, MAX_OUTPUT_TOKENS);
  }
  checkBounds(fields);
}
