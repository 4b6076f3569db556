import type { AnthropicUsage } from '../anthropic/anthropic.types.js';
import type { OpenAIUsage } from '../openai/openai.types.js';

/** OpenAI counts cached tokens inside `prompt_tokens`; Anthropic counts them beside `input_tokens`. */
export function anthropicUsageToOpenAI(usage: AnthropicUsage): OpenAIUsage {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const promptTokens = usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + cacheRead;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: usage.output_tokens,
    total_tokens: promptTokens + usage.output_tokens,
    ...(cacheRead > 0 ? { prompt_tokens_details: { cached_tokens: cacheRead } } : {}),
  };
}

export function openAIUsageToAnthropic(usage: OpenAIUsage): AnthropicUsage {
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    input_tokens: usage.prompt_tokens - cached,
    output_tokens: usage.completion_tokens,
    ...(cached > 0 ? { cache_read_input_tokens: cached } : {}),
  };
}
