import type { UpstreamHttp } from '../http/upstream.http.js';
import { endpointUrl } from '../http/upstream.request.js';
import { OpenAIFamilyAdapter } from '../openai/openai-family.adapter.js';
import type { AdapterEnv, ProviderAdapter } from '../upstream/provider.adapter.js';

/** Any server speaking OpenAI's API (vLLM, Ollama, LiteLLM, OpenRouter, …): the target's `baseUrl` is required. */
export function createOpenAICompatibleAdapter(_env: AdapterEnv, http: UpstreamHttp): ProviderAdapter {
  return new OpenAIFamilyAdapter(
    {
      vendor: 'openai-compatible',
      endpoint: (target, operation) => {
        if (target.baseUrl === undefined || target.baseUrl === '')
          return 'an openai-compatible target needs a base_url';
        return endpointUrl(target.baseUrl, `/${operation}`) ?? 'the base URL is not a valid http(s) URL';
      },
      authHeaders: (apiKey) => ({ authorization: `Bearer ${apiKey}` }),
    },
    http,
  );
}
