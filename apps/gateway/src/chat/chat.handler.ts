import { Inject, Injectable } from '@nestjs/common';
import type { ChatCompletion, ChatRequest, UpstreamResponse, UpstreamStream } from '@kt/providers';
import { promptLoggingEnabled, serviceLogger } from '@kt/telemetry';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { chatUsageBound } from '../budgets/usage.bound.js';
import type { RouteRecord } from '../events/route.record.js';
import { RouteIngress } from '../http/route.ingress.js';
import { RouteResponder } from '../http/route.responder.js';
import { requestedDataPolicy } from '../routing/requested-data-policy.js';
import { RouteExecutor } from '../routing/route.executor.js';
import type { AttemptCall } from '../routing/attempt.call.js';
import type { RouteOptions } from '../routing/route.options.js';
import type { Served } from '../routing/served.js';
import { GatewayRuntime } from '../runtime/gateway.runtime.js';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../runtime/gateway.settings.js';
import type { PackRuntime } from '../runtime/pack.runtime.js';
import { SemanticRouter } from '../semantic/semantic.router.js';
import type { ChatDialect } from './chat.dialect.js';
import { ChatStreamer } from './chat.streamer.js';

/** Chat completions for every ingress: parse, route, answer (JSON or SSE), record. */
@Injectable()
export class ChatHandler {
  /** Prompts and completions reach the logs only when the operator turned that on. */
  private readonly logPrompts: boolean;

  constructor(
    private readonly gateway: GatewayRuntime,
    private readonly ingress: RouteIngress,
    private readonly executor: RouteExecutor,
    private readonly responder: RouteResponder,
    private readonly streamer: ChatStreamer,
    private readonly semantic: SemanticRouter,
    @Inject(GATEWAY_SETTINGS) settings: GatewaySettings,
  ) {
    this.logPrompts = promptLoggingEnabled(settings.secrets);
  }

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
      const turn: ChatTurn = { runtime, record, chat, signal, reply, dialect, options };
      if (chat.stream) await this.streamed(turn);
      else await this.json(turn);
    } catch (error) {
      this.responder.sendError(reply, record, runtime, error, dialect.errorFormat);
    }
  }

  private async json(turn: ChatTurn): Promise<void> {
    const { runtime, record, chat, reply, dialect } = turn;
    const routed = await this.route(turn, {
      kind: 'chat',
      streaming: false,
      usageBound: chatUsageBound(chat),
      invoke: (adapter, call) => adapter.chat({ ...call, body: chat }),
      usage: (result: UpstreamResponse<ChatCompletion>) => result.usage,
    });
    if (!routed) return;
    this.responder.sendJson(reply, record, runtime, 200, dialect.respond(routed.result.body));
    if (this.logPrompts) {
      serviceLogger().info(
        { prompt: chat.messages, completion: routed.result.body.choices },
        'chat exchange',
      );
    }
  }

  private async streamed(turn: ChatTurn): Promise<void> {
    const { record, chat, reply, dialect, signal } = turn;
    const routed = await this.route<UpstreamStream>(turn, {
      kind: 'chat',
      streaming: true,
      usageBound: chatUsageBound(chat),
      invoke: (adapter, call) => adapter.chatStream({ ...call, body: chat }),
      usage: () => null,
    });
    if (!routed) return;
    if (this.logPrompts) serviceLogger().info({ prompt: chat.messages }, 'chat exchange (streamed)');
    await this.streamer.relay(routed, record, chat, signal, reply, dialect);
  }

  /** Routes the turn; a failure is answered here and comes back as undefined. */
  private async route<R extends { readonly status: number }>(
    turn: ChatTurn,
    call: AttemptCall<R>,
  ): Promise<Served<R> | undefined> {
    const { runtime, record, chat, signal, reply, dialect, options } = turn;
    const routed = await this.executor.run<R>(runtime, record, chat.model, signal, call, options);
    if (routed.ok) return routed;
    this.responder.sendFailure(reply, record, runtime, routed.failure, dialect.errorFormat);
    return undefined;
  }
}

/** One chat request on its way through: what the JSON and the streamed answer both need. */
interface ChatTurn {
  readonly runtime: PackRuntime;
  readonly record: RouteRecord;
  readonly chat: ChatRequest;
  readonly reply: FastifyReply;
  readonly dialect: ChatDialect;
  readonly options: RouteOptions;
  readonly signal: AbortSignal;
}
