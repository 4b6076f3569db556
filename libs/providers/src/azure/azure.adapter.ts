import type { UpstreamHttp } from '../http/upstream.http.js';
import { endpointUrl } from '../http/upstream.request.js';
import { OpenAIFamilyAdapter } from '../openai/openai-family.adapter.js';
import type { AdapterEnv, ProviderAdapter } from '../upstream/provider.adapter.js';

/** The GA data-plane version that has `max_completion_tokens` and `stream_options`. */
export const AZURE_DEFAULT_API_VERSION = '2024-10-21';

/**
 * Azure OpenAI: `${endpoint}/openai/deployments/{deployment}/chat/completions?api-version=…`
 * with the `api-key` header; the target's model is the deployment name.
 */
export function createAzureAdapter(env: AdapterEnv, http: UpstreamHttp): ProviderAdapter {
  const defaultEndpoint = env['AZURE_OPENAI_ENDPOINT'] || undefined;
  const defaultVersion = env['OPENAI_API_VERSION'] || AZURE_DEFAULT_API_VERSION;
  return new OpenAIFamilyAdapter(
    {
      vendor: 'azure',
      endpoint: (target, operation) => {
        const base = target.baseUrl ?? defaultEndpoint;
        if (base === undefined || base === '')
          return 'no Azure endpoint (target base_url or AZURE_OPENAI_ENDPOINT)';
        // Endpoints are given both as `https://res.openai.azure.com` and `…/openai`.
        const prefix = /\/openai\/?$/.test(base) ? '' : '/openai';
        const path = `${prefix}/deployments/${encodeURIComponent(target.model)}/${operation}`;
        return (
          endpointUrl(base, path, { 'api-version': target.apiVersion ?? defaultVersion }) ??
          'the Azure endpoint is not a valid http(s) URL'
        );
      },
      authHeaders: (apiKey) => ({ 'api-key': apiKey }),
    },
    http,
  );
}
