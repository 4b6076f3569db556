import type { TokenUsage } from './upstream.types.js';

/**
 * Usage from an OpenAI-shaped `usage` object (chat or embeddings), or null when it is missing or
 * not made of counts. Cached prompt tokens are kept apart so pricing can bill them at their rate.
 */
export function tokenUsageFromOpenAI(usage: unknown): TokenUsage | null {
  if (!isRecord(usage)) return null;
  const input = count(usage['prompt_tokens']);
  if (input === null) return null;
  const total = count(usage['total_tokens']);
  const output = count(usage['completion_tokens']) ?? (total !== null ? Math.max(0, total - input) : 0);
  const details = usage['prompt_tokens_details'];
  const cached = isRecord(details) ? count(details['cached_tokens']) : null;
  return { inputTokens: input, outputTokens: output, ...(cached ? { cacheReadTokens: cached } : {}) };
}

/** Usage from an Anthropic `usage` object; input counts the cache reads and writes too, as OpenAI does. */
export function tokenUsageFromAnthropic(usage: unknown): TokenUsage | null {
  if (!isRecord(usage)) return null;
  const input = count(usage['input_tokens']);
  const output = count(usage['output_tokens']);
  if (input === null || output === null) return null;
  const read = count(usage['cache_read_input_tokens']) ?? 0;
  const write = count(usage['cache_creation_input_tokens']) ?? 0;
  return {
    inputTokens: input + read + write,
    outputTokens: output,
    ...(read > 0 ? { cacheReadTokens: read } : {}),
    ...(write > 0 ? { cacheWriteTokens: write } : {}),
  };
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
