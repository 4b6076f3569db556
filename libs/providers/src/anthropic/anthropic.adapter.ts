import { postJson } from '../http/json.exchange.js';
import { openSseStream } from '../http/sse.exchange.js';
import type { UpstreamHttp } from '../http/upstream.http.js';
import { callLimits, endpointUrl, labelOf, type UpstreamRequest } from '../http/upstream.request.js';
import type { ChatCompletion, ChatRequest } from '../openai/openai.types.js';
import { anthropicResponseToOpenAI } from '../translate/anthropic-to-openai.response.js';
import { openAIRequestToAnthropic } from '../translate/openai-to-anthropic.request.js';
import { TranslationError } from '../translate/translation.error.js';
import type { AdapterEnv, ProviderAdapter } from '../upstream/provider.adapter.js';
import { tokenUsageFromAnthropic } from '../upstream/token-usage.reader.js';
import { UpstreamError } from '../upstream/upstream.error.js';
import type { UpstreamCall, UpstreamResponse, UpstreamStream } from '../upstream/upstream.types.js';
import { AnthropicChunkSource } from './anthropic-chunk.source.js';
import { isAnthropicResponse } from './anthropic.shape.js';
import type { AnthropicRequest } from './anthropic.types.js';

export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';
export const ANTHROPIC_VERSION = '2023-06-01';

/** Anthropic Messages behind the OpenAI wire format: requests, answers and streams are translated. */
export function createAnthropicAdapter(env: AdapterEnv, http: UpstreamHttp): ProviderAdapter {
  return new AnthropicAdapter(env['ANTHROPIC_BASE_URL'] || ANTHROPIC_DEFAULT_BASE_URL, http);
}

class AnthropicAdapter implements ProviderAdapter {
  readonly vendor = 'anthropic' as const;

  constructor(
    private readonly defaultBase: string,
    private readonly http: UpstreamHttp,
  ) {}

  async chat(call: UpstreamCall<ChatRequest>): Promise<UpstreamResponse<ChatCompletion>> {
    const { stream: _stream, ...body } = this.translate(call);
    const request = this.request(call, body);
    const answer = await postJson(this.http, request, callLimits(call), {
      is: isAnthropicResponse,
      what: 'an Anthropic message',
    });
    const message = answer.json;
    return {
      status: answer.status,
      body: anthropicResponseToOpenAI(message),
      usage: tokenUsageFromAnthropic(message.usage),
      upstreamModel: message.model,
      upstreamRequestId: answer.requestId,
    };
  }

  chatStream(call: UpstreamCall<ChatRequest>): Promise<UpstreamStream> {
    const request = this.request(call, { ...this.translate(call), stream: true });
    const source = new AnthropicChunkSource(
      call.body.stream_options?.include_usage === true,
      request.label,
      call.apiKey,
    );
    return openSseStream(this.http, request, callLimits(call), source, call.target.model);
  }

  /** A request Anthropic cannot express is the client's problem, reported before any I/O. */
  private translate(call: UpstreamCall<ChatRequest>): AnthropicRequest {
    try {
      return openAIRequestToAnthropic({ ...call.body, model: call.target.model });
    } catch (error) {
      if (!(error instanceof TranslationError)) throw error;
      const body = {
        error: { message: error.message, type: 'invalid_request_error', param: error.param, code: null },
      };
      throw new UpstreamError(
        'client_error',
        `${labelOf(call)}: request cannot be sent to Anthropic: ${error.message}`,
        { body },
      );
    }
  }

  private request(call: UpstreamCall<ChatRequest>, body: AnthropicRequest): UpstreamRequest {
    const label = labelOf(call);
    const url = endpointUrl(call.target.baseUrl ?? this.defaultBase, '/v1/messages');
    if (url === null)
      throw new UpstreamError('connection_error', `${label}: the base URL is not a valid http(s) URL`);
    return {
      url,
      headers: { 'x-api-key': call.apiKey, 'anthropic-version': ANTHROPIC_VERSION },
      body,
      label,
    };
  }
}
