import { createAnthropicAdapter } from './anthropic/anthropic.adapter.js';
import { createAzureAdapter } from './azure/azure.adapter.js';
import { UpstreamHttp } from './http/upstream.http.js';
import { createOpenAICompatibleAdapter } from './openai-compatible/openai-compatible.adapter.js';
import { createOpenAIAdapter } from './openai/openai.adapter.js';
import type { AdapterEnv, ProviderAdapter } from './upstream/provider.adapter.js';
import { VENDORS, type Vendor } from '@kt/contracts';

export type AdapterFactory = (env: AdapterEnv, http: UpstreamHttp) => ProviderAdapter;

/** Adding a vendor: its adapter file, its name in `VENDORS`, and one line here (the compiler asks for it). */
const FACTORIES: Readonly<Record<Vendor, AdapterFactory>> = {
  openai: createOpenAIAdapter,
  azure: createAzureAdapter,
  anthropic: createAnthropicAdapter,
  'openai-compatible': createOpenAICompatibleAdapter,
};

export type ProviderAdapters = ReadonlyMap<Vendor, ProviderAdapter>;

/**
 * Every adapter, sharing one `UpstreamHttp` (a keep-alive pool per origin). Pass your own `http`
 * to close its pools on shutdown. `env` is read once, here: base URLs and the Azure api-version.
 */
export function createAdapters(env: AdapterEnv, http: UpstreamHttp = new UpstreamHttp()): ProviderAdapters {
  return new Map(VENDORS.map((vendor) => [vendor, FACTORIES[vendor](env, http)]));
}
