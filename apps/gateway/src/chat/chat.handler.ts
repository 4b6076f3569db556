import { Injectable } from '@nestjs/common';
import type { ChatCompletion, ChatRequest, UpstreamResponse, UpstreamStream } from '@kt/providers';
import { promptLoggingEnabled, serviceLogger } from '@kt/telemetry';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { chatUsageBound } from '../budgets/usage.bound.js';
import type { RouteRecord } from '../events/route.record.js';
import { RouteIngress } from '../http/route.ingress.js';
import { RouteResponder } from '../http/route.responder.js';
import { requestedDataPolicy } from '../routing/requested-data-policy.js';
import { RouteExecutor } from '../routing/route.executor.js';
import type { RouteOptions } from '../routing/route.options.js';
import { GatewayRuntime } from '../runtime/gateway.runtime.js';
import type { PackRuntime } from '../runtime/pack.runtime.js';
import { SemanticRouter } from '../semantic/semantic.router.js';
import type { ChatDialect } from './chat.dialect.js';
import { ChatStreamer } from './chat.streamer.js';

/** Chat completions for every ingress: parse, route, answer (JSON or SSE), record. */
@Injectable()
export class ChatHandler {
  /** Prompts and completions reach the logs only when the operator turned that on. */
  private readonly logPrompts = promptLoggingEnabled();

  constructor(
    private readonly gateway: GatewayRuntime,
    private readonly ingress: RouteIngress,
    private readonly executor: RouteExecutor,
    private readonly responder: RouteResponder,
    private readonly streamer: ChatStreamer,
    private readonly semantic: SemanticRouter,
  ) {}

  async handle(
    request: FastifyRequest,
    reply: FastifyReply,
    body: unknown,
    dialect: ChatDialect,
  ): Promise<void> {
    const runtime = this.gateway.current;
    const opened = this.ingress.open(request, reply, body, dialect);
    if (!opened) return;
    const { request: chat, record } = opened;
    try {
      const dataPolicy = requestedDataPolicy(request.headers);
      const semantic = await this.semantic.decide(runtime, chat);
      if (semantic) record.routedSemantically(semantic.route, semantic.method);
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
    const routed = await this.executor.run(
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
    if (!routed.ok) {
      this.responder.sendFailure(reply, record, runtime, routed.failure, dialect.errorFormat);
      return;
    }
    this.responder.sendJson(reply, record, runtime, 200, dialect.respond(routed.result.body));
    if (this.logPrompts) {
      serviceLogger().info(
        { prompt: chat.messages, completion: routed.result.body.choices },
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
    const routed = await this.executor.run<UpstreamStream>(
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
    if (!routed.ok) {
      this.responder.sendFailure(reply, record, runtime, routed.failure, dialect.errorFormat);
      return;
    }
    if (this.logPrompts) serviceLogger().info({ prompt: chat.messages }, 'chat exchange (streamed)');
    await this.streamer.relay(routed, record, chat, signal, reply, dialect);
  }
}
