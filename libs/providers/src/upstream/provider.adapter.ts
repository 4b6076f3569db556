import type {
  ChatCompletion,
  ChatRequest,
  EmbeddingsRequest,
  EmbeddingsResponse,
} from '../openai/openai.types.js';
import type { UpstreamCall, UpstreamResponse, UpstreamStream } from './upstream.types.js';
import type { Vendor } from '@kt/contracts';

/**
 * One upstream API behind the gateway's canonical OpenAI wire format. Every failure rejects (or,
 * mid-stream, throws from the iterator) with an `UpstreamError`.
 */
export interface ProviderAdapter {
  readonly vendor: Vendor;
  chat(call: UpstreamCall<ChatRequest>): Promise<UpstreamResponse<ChatCompletion>>;
  /** Resolves once the first chunk arrived (within `timeouts.firstTokenMs`). */
  chatStream(call: UpstreamCall<ChatRequest>): Promise<UpstreamStream>;
  embeddings?(call: UpstreamCall<EmbeddingsRequest>): Promise<UpstreamResponse<EmbeddingsResponse>>;
}

/** Environment variables an adapter may read at creation (base URLs, API versions); never keys. */
export type AdapterEnv = Readonly<Record<string, string | undefined>>;
