import {
  AZURE_DEFAULT_API_VERSION,
  ANTHROPIC_DEFAULT_BASE_URL,
  ANTHROPIC_VERSION,
  endpointUrl,
  OPENAI_DEFAULT_BASE_URL,
} from '@kt/providers';
import type { Target } from '@kt/pack';

/** Where the environment may move a vendor's default endpoint, as the gateway's adapters read it. */
export type ProbeEnv = Readonly<Record<string, string | undefined>>;

export interface ModelsRequest {
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The free `models` health check of a target: the provider's model list with the target's own key.
 * Returns a reason instead when the target's endpoint cannot be built (never echoing the URL: it may carry a key).
 */
export function modelsRequest(target: Target, apiKey: string, env: ProbeEnv): ModelsRequest | string {
  switch (target.vendor) {
    case 'openai':
      return bearer(
        endpointUrl(target.baseUrl ?? (env['OPENAI_BASE_URL'] || OPENAI_DEFAULT_BASE_URL), '/models'),
        apiKey,
      );
    case 'openai-compatible':
      if (target.baseUrl === undefined || target.baseUrl === '')
        return 'an openai-compatible target needs a base_url';
      return bearer(endpointUrl(target.baseUrl, '/models'), apiKey);
    case 'azure': {
      const base = target.baseUrl ?? (env['AZURE_OPENAI_ENDPOINT'] || undefined);
      if (base === undefined || base === '')
        return 'no Azure endpoint (target base_url or AZURE_OPENAI_ENDPOINT)';
      // Endpoints are given both as `https://res.openai.azure.com` and `…/openai`.
      const path = /\/openai\/?$/.test(base) ? '/models' : '/openai/models';
      const version = target.apiVersion ?? (env['OPENAI_API_VERSION'] || AZURE_DEFAULT_API_VERSION);
      const url = endpointUrl(base, path, { 'api-version': version });
      return url === null
        ? 'the Azure endpoint is not a valid http(s) URL'
        : { url, headers: { 'api-key': apiKey } };
    }
    case 'anthropic': {
      const url = endpointUrl(
        target.baseUrl ?? (env['ANTHROPIC_BASE_URL'] || ANTHROPIC_DEFAULT_BASE_URL),
        '/v1/models',
      );
      if (url === null) return 'the base URL is not a valid http(s) URL';
      return { url, headers: { 'x-api-key': apiKey, 'anthropic-version': ANTHROPIC_VERSION } };
    }
  }
}

function bearer(url: URL | null, apiKey: string): ModelsRequest | string {
  if (url === null) return 'the base URL is not a valid http(s) URL';
  return { url, headers: apiKey === '' ? {} : { authorization: `Bearer ${apiKey}` } };
}
