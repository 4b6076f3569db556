import type { FastifyInstance, FastifyRequest } from 'fastify';
import { addRoute } from '../http/exchange.runner.js';
import { randomHex } from '../http/random.id.js';
import { createVendorExchange } from '../http/vendor.app.js';
import type { Prepared, VendorDialect } from '../http/vendor.dialect.js';
import type { VendorRuntime } from '../sim.settings.js';
import { chatAnswer } from './chat.answer.js';
import { parseChatRequest } from './chat.request.js';
import { parseEmbeddingsRequest } from './embeddings.request.js';
import { embeddingsBody } from './embeddings.response.js';
import {
  openAiBadRequest,
  openAiError,
  openAiInjected,
  openAiNotFound,
  openAiUnauthorized,
} from './openai.errors.js';
import { OPENAI_MODELS_BODY } from './openai.models.js';

/** OpenAI: `POST /v1/chat/completions`, `POST /v1/embeddings`, `GET /v1/models`, Bearer auth. */
export function openAiSimulator(runtime: VendorRuntime): FastifyInstance {
  const { app, ctx } = createVendorExchange(runtime, openAiDialect(runtime.keys));
  const { replyTokens, embeddingDimensions } = runtime.settings;

  addRoute(app, ctx, 'POST', '/v1/chat/completions', 'chat.completions', (request) => {
    const parsed = parseChatRequest(request.body, true);
    if (!parsed.ok) return { ok: false, error: openAiError(400, parsed.problem) };
    return {
      ok: true,
      answer: () => chatAnswer(parsed.value, parsed.value.model ?? '', 'openai', replyTokens),
    };
  });
  addRoute(app, ctx, 'POST', '/v1/embeddings', 'embeddings', (request) => {
    const parsed = parseEmbeddingsRequest(request.body, true);
    if (!parsed.ok) return { ok: false, error: openAiError(400, parsed.problem) };
    return {
      ok: true,
      answer: () => ({
        kind: 'json',
        body: embeddingsBody(parsed.value, parsed.value.model ?? '', embeddingDimensions),
      }),
    };
  });
  addRoute(app, ctx, 'GET', '/v1/models', 'models.list', (): Prepared => ({
    ok: true,
    answer: () => ({ kind: 'json', body: OPENAI_MODELS_BODY }),
  }));
  return app;
}

function openAiDialect(keys: ReadonlySet<string>): VendorDialect {
  return {
    vendor: 'openai',
    responseHeaders: () => ({ 'x-request-id': randomHex('req_', 32), 'openai-version': '2020-10-01' }),
    authenticate: (request: FastifyRequest) => {
      const header = request.headers.authorization;
      if (header === undefined || header === '') return openAiUnauthorized(false);
      const key = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
      return keys.has(key) ? null : openAiUnauthorized(true);
    },
    badRequest: openAiBadRequest,
    notFound: openAiNotFound,
    injected: openAiInjected,
  };
}
