// Provider adapters: OpenAI, Azure OpenAI, Anthropic and OpenAI-compatible upstreams behind the
// gateway's OpenAI wire format, plus the OpenAI ⇄ Anthropic translations both ways.
export { createAdapters, type AdapterFactory, type ProviderAdapters } from './adapters.registry.js';
export type { AdapterEnv, ProviderAdapter } from './upstream/provider.adapter.js';
export type {
  HiddenText,
  TokenUsage,
  UpstreamCall,
  UpstreamResponse,
  UpstreamStream,
  UpstreamTarget,
  UpstreamTimeouts,
} from './upstream/upstream.types.js';
export { UpstreamError, errorKindForStatus, type UpstreamErrorDetails } from './upstream/upstream.error.js';
export { UPSTREAM_ERROR_KINDS, type UpstreamErrorKind } from '@kt/contracts';
export { VENDORS, isVendor, type Vendor } from '@kt/contracts';
export { readRetryAfterMs } from './upstream/retry-after.reader.js';
export { redactSecrets } from './upstream/secret.redactor.js';
export { tokenUsageFromAnthropic, tokenUsageFromOpenAI } from './upstream/token-usage.reader.js';
export { endpointUrl } from './http/upstream.request.js';
export { UpstreamHttp, type OriginStats, type UpstreamHttpOptions } from './http/upstream.http.js';
export { SseDecoder, type SseEvent } from './sse/sse.decoder.js';
export { createOpenAIAdapter, OPENAI_DEFAULT_BASE_URL } from './openai/openai.adapter.js';
export { createAzureAdapter, AZURE_DEFAULT_API_VERSION } from './azure/azure.adapter.js';
export { createOpenAICompatibleAdapter } from './openai-compatible/openai-compatible.adapter.js';
export {
  createAnthropicAdapter,
  ANTHROPIC_DEFAULT_BASE_URL,
  ANTHROPIC_VERSION,
} from './anthropic/anthropic.adapter.js';
export { isAnthropicResponse, isAnthropicStreamEvent } from './anthropic/anthropic.shape.js';
export { isChatCompletion, isChatCompletionChunk, isEmbeddingsResponse } from './openai/openai.shape.js';
export type * from './openai/openai.types.js';
export type * from './anthropic/anthropic.types.js';
export { TranslationError } from './translate/translation.error.js';
export {
  DEFAULT_ANTHROPIC_MAX_TOKENS,
  openAIRequestToAnthropic,
} from './translate/openai-to-anthropic.request.js';
export { anthropicResponseToOpenAI } from './translate/anthropic-to-openai.response.js';
export {
  AnthropicToOpenAIStream,
  type AnthropicStreamOptions,
} from './translate/anthropic-to-openai.stream.js';
export { anthropicRequestToOpenAI } from './translate/anthropic-to-openai.request.js';
export { openAIResponseToAnthropic } from './translate/openai-to-anthropic.response.js';
export {
  OpenAIToAnthropicStream,
  formatAnthropicSse,
  type OpenAIChunkStreamOptions,
} from './translate/openai-to-anthropic.stream.js';
export {
  anthropicErrorToOpenAI,
  anthropicErrorType,
  openAIErrorToAnthropic,
  openAIErrorType,
} from './translate/error.translate.js';
export { anthropicStopToFinishReason, finishReasonToAnthropicStop } from './translate/stop-reason.map.js';
export { anthropicUsageToOpenAI, openAIUsageToAnthropic } from './translate/usage.map.js';
