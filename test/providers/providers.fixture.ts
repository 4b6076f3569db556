import {
  createAdapters,
  UpstreamHttp,
  type ChatRequest,
  type ProviderAdapter,
  type ProviderAdapters,
  type UpstreamCall,
  type UpstreamTarget,
  type Vendor,
} from '@kt/providers';
import { startSimulators, type Simulators } from '../../apps/provider-sim/src/simulator.js';

export interface ProviderRig {
  readonly sims: Simulators;
  readonly http: UpstreamHttp;
  readonly adapters: ProviderAdapters;
  adapter(vendor: Vendor): ProviderAdapter;
  /** Adapters on their own `UpstreamHttp`, so a test can count exactly its own sockets. */
  isolated(): { readonly http: UpstreamHttp; adapter(vendor: Vendor): ProviderAdapter };
  stop(): Promise<void>;
}

/** Simulators on free ports, and adapters pointed at them through the environment they read. */
export async function startRig(): Promise<ProviderRig> {
  const sims = await startSimulators({
    ports: { openai: 0, azure: 0, anthropic: 0, admin: 0 },
    replyTokens: 5,
  });
  const env = {
    OPENAI_BASE_URL: `${sims.urls.openai}/v1`,
    AZURE_OPENAI_ENDPOINT: sims.urls.azure,
    ANTHROPIC_BASE_URL: sims.urls.anthropic,
  };
  const http = new UpstreamHttp();
  const adapters = createAdapters(env, http);
  return {
    sims,
    http,
    adapters,
    adapter: (vendor) => pick(adapters, vendor),
    isolated: () => {
      const own = new UpstreamHttp();
      const ownAdapters = createAdapters(env, own);
      return { http: own, adapter: (vendor: Vendor) => pick(ownAdapters, vendor) };
    },
    stop: async () => {
      await http.close();
      await sims.stop();
    },
  };
}

function pick(adapters: ProviderAdapters, vendor: Vendor): ProviderAdapter {
  const adapter = adapters.get(vendor);
  if (adapter === undefined) throw new Error(`no adapter for ${vendor}`);
  return adapter;
}

export const TIMEOUTS = { connectMs: 1_000, totalMs: 5_000, firstTokenMs: 5_000 } as const;

export function callOf<B>(
  target: Omit<UpstreamTarget, 'id'> & { id?: string },
  apiKey: string,
  body: B,
  overrides: Partial<UpstreamCall<B>> = {},
): UpstreamCall<B> {
  return {
    target: { id: `${target.vendor}-target`, ...target },
    apiKey,
    body,
    signal: new AbortController().signal,
    timeouts: TIMEOUTS,
    ...overrides,
  };
}

export function chatBody(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'gpt-5.4-mini', messages: [{ role: 'user', content: 'hello there' }], ...overrides };
}

export const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
} as const;

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** The rejection of a promise (or thrown error of a function), failing the test if there is none. */
export async function failureOf(action: Promise<unknown> | (() => Promise<unknown>)): Promise<unknown> {
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure, got success');
}
