import type { AnthropicUsage } from '../anthropic/anthropic.types.js';
import type { OpenAIUsage } from '../openai/openai.types.js';

/** OpenAI counts cached tokens inside `prompt_tokens`; Anthropic counts them beside `input_tokens`. */
export function anthropicUsageToOpenAI(usage: AnthropicUsage): OpenAIUsage {
  const cacheRead = count(usage.cache_read_input_tokens);
  const output = count(usage.output_tokens);
  const promptTokens = count(usage.input_tokens) + count(usage.cache_creation_input_tokens) + cacheRead;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: output,
    total_tokens: promptTokens + output,
    ...(cacheRead > 0 ? { prompt_tokens_details: { cached_tokens: cacheRead } } : {}),
  };
}

export function openAIUsageToAnthropic(usage: OpenAIUsage): AnthropicUsage {
  const details: unknown = usage.prompt_tokens_details;
  const cached =
    typeof details === 'object' && details !== null
      ? count((details as { cached_tokens?: unknown }).cached_tokens)
      : 0;
  return {
    input_tokens: Math.max(0, count(usage.prompt_tokens) - cached),
    output_tokens: count(usage.completion_tokens),
    ...(cached > 0 ? { cache_read_input_tokens: cached } : {}),
  };
}

/**
 * A token count as upstreams should send it; anything else (missing, null, a string, negative)
 * reads as 0 so a translated answer still carries numbers. Billing reads usage on its own path
 * (`token-usage.reader`) and does not rely on these.
 */
function count(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}
