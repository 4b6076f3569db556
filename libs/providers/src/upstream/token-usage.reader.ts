import type { TokenUsage } from './upstream.types.js';

/*
 * The upstream has already answered (and billed) when its usage is read, so a figure kt cannot
 * price must never fail the request. What is kept: a count that is not a non-negative safe integer
 * is treated as missing (a missing `prompt_tokens` / `input_tokens` / `output_tokens` makes the
 * whole usage null: the caller then counts the tokens itself); parts are capped at their whole —
 * cache reads are taken first and cache writes get what input is left, 1-hour writes at most all
 * writes, reasoning at most all output — so the whole, which is billed, is never lowered to fit.
 */

/**
 * Usage from an OpenAI-shaped `usage` object (chat or embeddings), or null when it is missing or
 * not made of counts. Cached prompt and reasoning tokens are kept apart so pricing can bill them at their rate.
 */
export function tokenUsageFromOpenAI(usage: unknown): TokenUsage | null {
  if (!isRecord(usage)) return null;
  const input = count(usage['prompt_tokens']);
  if (input === null) return null;
  const total = count(usage['total_tokens']);
  const output = count(usage['completion_tokens']) ?? (total !== null ? Math.max(0, total - input) : 0);
  const prompt = usage['prompt_tokens_details'];
  const completion = usage['completion_tokens_details'];
  const cached = Math.min(input, (isRecord(prompt) ? count(prompt['cached_tokens']) : null) ?? 0);
  const reasoning = Math.min(
    output,
    (isRecord(completion) ? count(completion['reasoning_tokens']) : null) ?? 0,
  );
  return {
    inputTokens: input,
    outputTokens: output,
    ...(cached > 0 ? { cacheReadTokens: cached } : {}),
    ...(reasoning > 0 ? { reasoningTokens: reasoning } : {}),
  };
}

/**
 * Usage from an Anthropic `usage` object; input counts the cache reads and writes too, as OpenAI
 * does. `cache_creation.ephemeral_1h_input_tokens` is the part of the writes made with a 1-hour TTL.
 */
export function tokenUsageFromAnthropic(usage: unknown): TokenUsage | null {
  if (!isRecord(usage)) return null;
  const uncached = count(usage['input_tokens']);
  const output = count(usage['output_tokens']);
  if (uncached === null || output === null) return null;
  const read = count(usage['cache_read_input_tokens']) ?? 0;
  const creation = usage['cache_creation'];
  const split = isRecord(creation)
    ? {
        m5: count(creation['ephemeral_5m_input_tokens']) ?? 0,
        h1: count(creation['ephemeral_1h_input_tokens']) ?? 0,
      }
    : { m5: 0, h1: 0 };
  const write = count(usage['cache_creation_input_tokens']) ?? split.m5 + split.h1;
  // Three safe integers can add up past 2^53: then the total is no count either.
  const input = count(uncached + read + write);
  if (input === null) return null;
  const write1h = Math.min(write, split.h1);
  return {
    inputTokens: input,
    outputTokens: output,
    ...(read > 0 ? { cacheReadTokens: read } : {}),
    ...(write > 0 ? { cacheWriteTokens: write } : {}),
    ...(write1h > 0 ? { cacheWrite1hTokens: write1h } : {}),
  };
}

/** A non-negative safe integer, else null: `1e20` or `2.5` is no token count. */
function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
