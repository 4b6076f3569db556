import type { FastifyInstance, FastifyRequest } from 'fastify';
import { addRoute } from '../http/exchange.runner.js';
import { randomId } from '../http/random.id.js';
import { createVendorExchange } from '../http/vendor.app.js';
import type { Answer, Prepared, VendorDialect } from '../http/vendor.dialect.js';
import { planReply } from '../reply/reply.plan.js';
import { countInputTokens } from '../reply/token.count.js';
import type { VendorRuntime } from '../sim.settings.js';
import { ANTHROPIC_MODELS_BODY } from './anthropic.models.js';
import {
  ANTHROPIC_NOT_FOUND,
  ANTHROPIC_UNAUTHORIZED,
  ANTHROPIC_VERSION_REQUIRED,
  anthropicBadRequest,
  anthropicInjected,
} from './anthropic.errors.js';
import { parseMessagesRequest, type MessagesRequest } from './messages.request.js';
import { messageBody, messageEvents } from './messages.response.js';

/** Anthropic: `POST /v1/messages` and `GET /v1/models`, `x-api-key` (or Bearer) plus a required `anthropic-version`. */
export function anthropicSimulator(runtime: VendorRuntime): FastifyInstance {
  const { app, ctx } = createVendorExchange(runtime, anthropicDialect(runtime.keys));
  const { replyTokens } = runtime.settings;

  addRoute(app, ctx, 'POST', '/v1/messages', 'messages', (request) =>
    withVersion(request, () => {
      const parsed = parseMessagesRequest(request.body);
      if (!parsed.ok) return { ok: false, error: anthropicBadRequest(parsed.message) };
      return { ok: true, answer: () => messageAnswer(parsed.value, replyTokens) };
    }),
  );
  addRoute(app, ctx, 'GET', '/v1/models', 'models.list', (request) =>
    withVersion(request, () => ({ ok: true, answer: () => ({ kind: 'json', body: ANTHROPIC_MODELS_BODY }) })),
  );
  return app;
}

function withVersion(request: FastifyRequest, prepare: () => Prepared): Prepared {
  const version = request.headers['anthropic-version'];
  return typeof version === 'string' && version !== ''
    ? prepare()
    : { ok: false, error: ANTHROPIC_VERSION_REQUIRED };
}

function messageAnswer(request: MessagesRequest, replyTokens: number): Answer {
  // The request carries the reply's inputs by their own names (last user text, tools, max_tokens).
  const plan = planReply({ ...request, replyTokens });
  const answer = {
    id: randomId('msg_01', 22),
    toolUseId: randomId('toolu_01', 22),
    model: request.model,
    inputTokens: countInputTokens(request.texts),
    plan,
  };
  return request.stream
    ? { kind: 'sse', events: messageEvents(answer) }
    : { kind: 'json', body: messageBody(answer) };
}

function anthropicDialect(keys: ReadonlySet<string>): VendorDialect {
  return {
    vendor: 'anthropic',
    responseHeaders: () => ({ 'request-id': randomId('req_011C', 20) }),
    // The official SDK (1.x) sends its API key as `Authorization: Bearer`; older clients use `x-api-key`.
    authenticate: (request: FastifyRequest) => {
      const header = request.headers['x-api-key'];
      const bearer = request.headers.authorization;
      const key =
        typeof header === 'string'
          ? header
          : bearer?.startsWith('Bearer ')
            ? bearer.slice(7).trim()
            : undefined;
      return key !== undefined && keys.has(key) ? null : ANTHROPIC_UNAUTHORIZED;
    },
    badRequest: anthropicBadRequest,
    notFound: () => ANTHROPIC_NOT_FOUND,
    injected: anthropicInjected,
  };
}
