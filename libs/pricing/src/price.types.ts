import type { PriceSource } from '@kt/contracts';

// A price's shape is money vocabulary shared with the pack (its `pricing:` normalises to it), so
// `@kt/contracts` owns it; re-exported here under the names pricing's callers use.
export type { ModelPrice, PriceRates, PriceTier } from '@kt/contracts';

/**
 * Token counts of one attempt, normalized by the provider adapter. `inputTokens` counts every
 * prompt token, cached ones included (OpenAI's `prompt_tokens`; Anthropic's `input_tokens` +
 * `cache_read_input_tokens` + `cache_creation_input_tokens`). `outputTokens` includes
 * reasoning/thinking tokens, which both vendors bill as output.
 */
export interface TokenUsage {
  readonly inputTokens: number | bigint;
  readonly outputTokens: number | bigint;
  /** Part of `inputTokens` read from the prompt cache. */
  readonly cachedInputTokens?: number | bigint;
  /** Part of `inputTokens` written to the prompt cache (all TTLs). */
  readonly cacheWriteInputTokens?: number | bigint;
  /** Part of `cacheWriteInputTokens` written with a 1-hour TTL. */
  readonly cacheWrite1hInputTokens?: number | bigint;
  /** Part of `outputTokens` spent reasoning. */
  readonly reasoningTokens?: number | bigint;
}

/** Where an attempt's price came from, in the order they are tried: the route event's `priced_by`. */
export type PricedBy = PriceSource;
