/** Integer micro-USD per million tokens; only `input` and `output` are required (the pack's `pricing`). */
export interface ModelPrice {
  readonly inputMicroUsdPerMillion: bigint;
  readonly outputMicroUsdPerMillion: bigint;
  /** Input read from the provider's prompt cache; absent = billed as plain input. */
  readonly cachedInputMicroUsdPerMillion?: bigint;
  /** Input written to the prompt cache (Anthropic, 5-minute TTL); absent = billed as plain input. */
  readonly cacheWriteMicroUsdPerMillion?: bigint;
  /** Rates for the WHOLE request once its input exceeds a threshold (e.g. Claude Sonnet 4 over 200K). */
  readonly longContext?: LongContextPrice;
}

export interface LongContextPrice {
  /** The tier applies when total input tokens (cached and cache writes included) exceed this. */
  readonly aboveInputTokens: number;
  readonly inputMicroUsdPerMillion: bigint;
  readonly outputMicroUsdPerMillion: bigint;
  readonly cachedInputMicroUsdPerMillion?: bigint;
  readonly cacheWriteMicroUsdPerMillion?: bigint;
}

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
  /** Part of `inputTokens` written to the prompt cache. */
  readonly cacheWriteInputTokens?: number | bigint;
}

/** Where an attempt's price came from, in the order they are tried. */
export type PricedBy = 'provider' | 'pack' | 'catalog' | 'estimate' | 'unpriced';
