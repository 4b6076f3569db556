import type { ChunkSource } from '../http/chunk.source.js';
import { postJson } from '../http/json.exchange.js';
import { openSseStream } from '../http/sse.exchange.js';
import type { UpstreamHttp } from '../http/upstream.http.js';
import { callLimits, labelOf, type UpstreamRequest } from '../http/upstream.request.js';
import type { ProviderAdapter } from '../upstream/provider.adapter.js';
import { tokenUsageFromOpenAI } from '../upstream/token-usage.reader.js';
import { UpstreamError } from '../upstream/upstream.error.js';
import type {
  UpstreamCall,
  UpstreamResponse,
  UpstreamStream,
  UpstreamTarget,
} from '../upstream/upstream.types.js';
import type { Vendor } from '@kt/contracts';
import { OpenAIChunkSource } from './openai-chunk.source.js';
import { isChatCompletion, isEmbeddingsResponse } from './openai.shape.js';
import type { ChatCompletion, ChatRequest, EmbeddingsRequest, EmbeddingsResponse } from './openai.types.js';

export type OpenAIOperation = 'chat/completions' | 'embeddings';

/** What differs between OpenAI, Azure OpenAI and OpenAI-compatible servers: where to send, how to sign. */
export interface OpenAIDialect {
  readonly vendor: Vendor;
  /** The endpoint URL, or a reason why the target cannot be reached (missing or bad base URL). */
  endpoint(target: UpstreamTarget, operation: OpenAIOperation): URL | string;
  authHeaders(apiKey: string): Readonly<Record<string, string>>;
}

/**
 * The OpenAI wire format spoken natively: the client's body goes upstream as is (unknown fields
 * included) with the target's model; streams always ask for usage so cost is never lost.
 */
export class OpenAIFamilyAdapter implements ProviderAdapter {
  readonly vendor: Vendor;

  constructor(
    private readonly dialect: OpenAIDialect,
    private readonly http: UpstreamHttp,
  ) {
    this.vendor = dialect.vendor;
  }

  async chat(call: UpstreamCall<ChatRequest>): Promise<UpstreamResponse<ChatCompletion>> {
    const { stream: _stream, stream_options: _options, ...body } = call.body;
    const request = this.request(call, 'chat/completions', { ...body, model: call.target.model });
    const answer = await postJson(this.http, request, callLimits(call), {
      is: isChatCompletion,
      what: 'a chat.completion',
    });
    const completion = answer.json;
    return {
      status: answer.status,
      body: completion,
      usage: tokenUsageFromOpenAI(completion.usage),
      upstreamModel: typeof completion.model === 'string' ? completion.model : call.target.model,
      upstreamRequestId: answer.requestId,
    };
  }

  chatStream(call: UpstreamCall<ChatRequest>): Promise<UpstreamStream> {
    const clientWantsUsage = call.body.stream_options?.include_usage === true;
    const body = {
      ...call.body,
      model: call.target.model,
      stream: true,
      stream_options: { ...call.body.stream_options, include_usage: true },
    };
    const request = this.request(call, 'chat/completions', body);
    const source: ChunkSource = new OpenAIChunkSource(clientWantsUsage, request.label, call.apiKey);
    return openSseStream(this.http, request, callLimits(call), source, call.target.model);
  }

  async embeddings(call: UpstreamCall<EmbeddingsRequest>): Promise<UpstreamResponse<EmbeddingsResponse>> {
    const request = this.request(call, 'embeddings', { ...call.body, model: call.target.model });
    const answer = await postJson(this.http, request, callLimits(call), {
      is: isEmbeddingsResponse,
      what: 'an embeddings list',
    });
    const embeddings = answer.json;
    return {
      status: answer.status,
      body: embeddings,
      usage: tokenUsageFromOpenAI(embeddings.usage),
      upstreamModel: typeof embeddings.model === 'string' ? embeddings.model : call.target.model,
      upstreamRequestId: answer.requestId,
    };
  }

  private request(call: UpstreamCall<unknown>, operation: OpenAIOperation, body: unknown): UpstreamRequest {
    const label = labelOf(call);
    const url = this.dialect.endpoint(call.target, operation);
    // A configuration problem of this target: the gateway may still fall back to another.
    if (typeof url === 'string') throw new UpstreamError('connection_error', `${label}: ${url}`);
    return { url, headers: this.dialect.authHeaders(call.apiKey), body, label };
  }
}
