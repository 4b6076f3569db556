import { Injectable } from '@nestjs/common';
import type { EmbeddingsRequest, EmbeddingsResponse, UpstreamResponse } from '@kt/providers';
import { UpstreamError } from '@kt/providers';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { embeddingsUsageBound } from '../budgets/usage.bound.js';
import { RouteIngress, type IngressParser } from '../http/route.ingress.js';
import { RouteResponder } from '../http/route.responder.js';
import { requestedDataPolicy } from '../routing/requested-data-policy.js';
import { RouteExecutor } from '../routing/route.executor.js';
import { GatewayRuntime } from '../runtime/gateway.runtime.js';
import { parseEmbeddingsRequest } from './embeddings-request.parser.js';

export const EMBEDDINGS_PARSER: IngressParser<EmbeddingsRequest> = {
  endpoint: 'embeddings',
  parse: parseEmbeddingsRequest,
};

/** Embeddings: parse, route, answer, record; the same steps as chat, without a stream. */
@Injectable()
export class EmbeddingsHandler {
  constructor(
    private readonly gateway: GatewayRuntime,
    private readonly ingress: RouteIngress,
    private readonly executor: RouteExecutor,
    private readonly responder: RouteResponder,
  ) {}

  async handle(request: FastifyRequest, reply: FastifyReply, body: unknown): Promise<void> {
    const runtime = this.gateway.current;
    const opened = this.ingress.open(request, reply, body, EMBEDDINGS_PARSER);
    if (!opened) return;
    const { request: embeddings, record } = opened;
    try {
      const routed = await this.executor.run(
        runtime,
        record,
        embeddings.model,
        this.responder.clientSignal(reply),
        {
          kind: 'embeddings',
          streaming: false,
          usageBound: embeddingsUsageBound(embeddings),
          invoke: (adapter, call) =>
            adapter.embeddings
              ? adapter.embeddings({ ...call, body: embeddings })
              : Promise.reject(
                  new UpstreamError('client_error', `${adapter.vendor} has no embeddings API`, {
                    status: 400,
                  }),
                ),
          usage: (result: UpstreamResponse<EmbeddingsResponse>) => result.usage,
        },
        { dataPolicy: requestedDataPolicy(request.headers) },
      );
      if (routed.ok) this.responder.sendJson(reply, record, runtime, 200, routed.result.body);
      else this.responder.sendFailure(reply, record, runtime, routed.failure);
    } catch (error) {
      this.responder.sendError(reply, record, runtime, error);
    }
  }
}
