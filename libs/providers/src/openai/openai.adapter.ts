import type { UpstreamHttp } from '../http/upstream.http.js';
import { endpointUrl } from '../http/upstream.request.js';
import type { AdapterEnv, ProviderAdapter } from '../upstream/provider.adapter.js';
import { OpenAIFamilyAdapter } from './openai-family.adapter.js';

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** OpenAI: `${baseUrl ?? OPENAI_BASE_URL ?? api.openai.com/v1}/chat/completions`, Bearer auth. */
export function createOpenAIAdapter(env: AdapterEnv, http: UpstreamHttp): ProviderAdapter {
  const defaultBase = env['OPENAI_BASE_URL'] || OPENAI_DEFAULT_BASE_URL;
  return new OpenAIFamilyAdapter(
    {
      vendor: 'openai',
      endpoint: (target, operation) =>
        endpointUrl(target.baseUrl ?? defaultBase, `/${operation}`) ??
        'the base URL is not a valid http(s) URL',
      authHeaders: (apiKey) => ({ authorization: `Bearer ${apiKey}` }),
    },
    http,
  );
}
