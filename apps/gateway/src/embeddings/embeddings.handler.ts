import { Injectable } from '@nestjs/common';
import type { EmbeddingsRequest, EmbeddingsResponse, UpstreamResponse } from '@kt/providers';
import { UpstreamError } from '@kt/providers';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { embeddingsUsageBound } from '../budgets/usage.bound.js';
import { parseEmbeddingsRequest } from './embeddings-request.parser.js';
import type { Caller } from '../auth/gateway-key.store.js';
import { RouteResponder } from '../http/route.responder.js';
import { requestedDataPolicy } from '../routing/requested-data-policy.js';
import { RouteExecutor } from '../routing/route.executor.js';
import { GatewayRuntime } from '../runtime/gateway.runtime.js';

@Injectable()
export class EmbeddingsHandler {
  constructor(
    private readonly gateway: GatewayRuntime,
    private readonly executor: RouteExecutor,
    private readonly responder: RouteResponder,
  ) {}

  async handle(request: FastifyRequest, reply: FastifyReply, body: unknown): Promise<void> {
    const runtime = this.gateway.current;
    let caller: Caller;
    let embeddings: EmbeddingsRequest;
    try {
      caller = this.responder.authenticate(runtime, request);
      embeddings = parseEmbeddingsRequest(body);
    } catch (error) {
      this.responder.refuse(reply, request, 'embeddings', error);
      return;
    }
    const record = this.responder.open(request, 'embeddings', false, embeddings.model, caller);
    try {
      const served = await this.executor.run(
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
      this.responder.sendJson(reply, record, runtime, 200, served.result.body);
    } catch (error) {
      this.responder.sendError(reply, record, runtime, error);
    }
  }
}
