import type { FastifyInstance, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { addRoute } from '../http/exchange.runner.js';
import { isRecord } from '../http/request.json.js';
import { createVendorExchange } from '../http/vendor.app.js';
import type { Answer, Prepared, VendorDialect, VendorError } from '../http/vendor.dialect.js';
import { chatAnswer } from '../openai/chat.answer.js';
import { parseChatRequest } from '../openai/chat.request.js';
import { parseEmbeddingsRequest } from '../openai/embeddings.request.js';
import { embeddingsBody } from '../openai/embeddings.response.js';
import { openAiBadRequest, openAiError } from '../openai/openai.errors.js';
import type { VendorRuntime } from '../sim.settings.js';
import {
  AZURE_API_VERSION_NOT_SUPPORTED,
  AZURE_DEPLOYMENT_NOT_FOUND,
  AZURE_RESOURCE_NOT_FOUND,
  AZURE_UNAUTHORIZED,
  azureInjected,
} from './azure.errors.js';
import { AZURE_MODELS_BODY } from './azure.models.js';

const API_VERSION = /^\d{4}-\d{2}-\d{2}(-preview)?$/;

/**
 * Azure OpenAI: deployment-scoped chat completions and embeddings, plus the resource's model list, with a required `api-version`
 * query and the `api-key` header; replies name the deployment's model.
 */
export function azureSimulator(runtime: VendorRuntime): FastifyInstance {
  const { app, ctx } = createVendorExchange(runtime, azureDialect(runtime.keys));
  const { settings } = runtime;
  const modelOf = deploymentModels(settings.azureDeployments);

  addRoute(
    app,
    ctx,
    'POST',
    '/openai/deployments/:deployment/chat/completions',
    'chat.completions',
    (request) =>
      withDeployment(request, modelOf, (model) => {
        const parsed = parseChatRequest(request.body, false);
        if (!parsed.ok) return { ok: false, error: openAiError(400, parsed.problem) };
        return { ok: true, answer: () => chatAnswer(parsed.value, model, 'azure', settings.replyTokens) };
      }),
  );
  addRoute(app, ctx, 'POST', '/openai/deployments/:deployment/embeddings', 'embeddings', (request) =>
    withDeployment(request, modelOf, (model) => {
      const parsed = parseEmbeddingsRequest(request.body, false);
      if (!parsed.ok) return { ok: false, error: openAiError(400, parsed.problem) };
      return {
        ok: true,
        answer: (): Answer => ({
          kind: 'json',
          body: embeddingsBody(parsed.value, model, settings.embeddingDimensions),
        }),
      };
    }),
  );
  // Resource-scoped (no deployment): what the prober's `models` health check calls.
  addRoute(app, ctx, 'GET', '/openai/models', 'models.list', (request): Prepared => {
    const version = isRecord(request.query) ? request.query['api-version'] : undefined;
    if (typeof version !== 'string' || version === '') return { ok: false, error: AZURE_RESOURCE_NOT_FOUND };
    if (!API_VERSION.test(version)) return { ok: false, error: AZURE_API_VERSION_NOT_SUPPORTED };
    return { ok: true, answer: () => ({ kind: 'json', body: AZURE_MODELS_BODY }) };
  });
  return app;
}

/** Azure answers a missing api-version with 404 and an unknown deployment with DeploymentNotFound. */
function withDeployment(
  request: FastifyRequest,
  modelOf: (deployment: string) => string | undefined,
  prepare: (model: string) => Prepared,
): Prepared {
  const version = isRecord(request.query) ? request.query['api-version'] : undefined;
  const deployment = isRecord(request.params) ? request.params['deployment'] : undefined;
  const reject = (error: VendorError): Prepared => ({ ok: false, error });
  if (typeof version !== 'string' || version === '') return reject(AZURE_RESOURCE_NOT_FOUND);
  if (!API_VERSION.test(version)) return reject(AZURE_API_VERSION_NOT_SUPPORTED);
  const model = typeof deployment === 'string' ? modelOf(deployment) : undefined;
  return model === undefined ? reject(AZURE_DEPLOYMENT_NOT_FOUND) : prepare(model);
}

/** With no configured deployments every deployment exists and is named after itself. */
function deploymentModels(
  deployments: Readonly<Record<string, string>>,
): (deployment: string) => string | undefined {
  const known = new Map(Object.entries(deployments));
  return known.size === 0 ? (deployment) => deployment : (deployment) => known.get(deployment);
}

function azureDialect(keys: ReadonlySet<string>): VendorDialect {
  return {
    vendor: 'azure',
    responseHeaders: () => {
      const id = randomUUID();
      return { 'apim-request-id': id, 'x-request-id': id, 'x-ms-region': 'kt-sim' };
    },
    authenticate: (request: FastifyRequest) => {
      const key = request.headers['api-key'];
      return typeof key === 'string' && keys.has(key) ? null : AZURE_UNAUTHORIZED;
    },
    badRequest: openAiBadRequest,
    notFound: () => AZURE_RESOURCE_NOT_FOUND,
    injected: azureInjected,
  };
}
