/**
 * Token counts of one upstream answer as kt reads them: what the provider adapters report, what
 * pricing prices, and what a route event's usage is written from.
 */
export interface ReportedUsage {
  /** Every prompt token, cached ones included (OpenAI `prompt_tokens`; Anthropic input + cache read + cache write). */
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** The part of `inputTokens` served from the provider's prompt cache. */
  readonly cacheReadTokens?: number;
  /** The part of `inputTokens` written to the prompt cache (Anthropic bills it apart). */
  readonly cacheWriteTokens?: number;
  /** The part of `cacheWriteTokens` written with a 1-hour TTL (Anthropic bills it at its own rate). */
  readonly cacheWrite1hTokens?: number;
  /** The part of `outputTokens` spent reasoning (OpenAI `reasoning_tokens`). */
  readonly reasoningTokens?: number;
}
