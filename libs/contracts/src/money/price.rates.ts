/**
 * Integer micro-USD per million units (= pico-USD per unit) — per million tokens for token rates,
 * per million requests for `requestMicroUsdPerMillion`. Only `input` and `output` are required (the
 * pack's `pricing`); an absent rate bills its tokens at the rate of the broader kind they belong to
 * (cache reads and writes as input, 1-hour cache writes as cache writes, reasoning as output).
 */
export interface PriceRates {
  readonly inputMicroUsdPerMillion: bigint;
  readonly outputMicroUsdPerMillion: bigint;
  /** Input read from the provider's prompt cache. */
  readonly cachedInputMicroUsdPerMillion?: bigint;
  /** Input written to the prompt cache (the default, 5-minute TTL). */
  readonly cacheWriteMicroUsdPerMillion?: bigint;
  /** Input written to the prompt cache with a 1-hour TTL (Anthropic). */
  readonly cacheWrite1hMicroUsdPerMillion?: bigint;
  /** Reasoning output, where a model bills it apart from the rest of the output. */
  readonly reasoningMicroUsdPerMillion?: bigint;
  /** A fee per request that used tokens, in micro-USD per million requests. */
  readonly requestMicroUsdPerMillion?: bigint;
}

/**
 * Rates that replace the base rates once a request's total input (cached and cache writes included)
 * exceeds `aboveInputTokens` — a cliff: the tier's rate applies to every unit of that kind, not just
 * the units above the threshold. Only the rates a tier names change.
 */
export interface PriceTier extends Partial<PriceRates> {
  readonly aboveInputTokens: number;
}

export interface ModelPrice extends PriceRates {
  /** Ascending by `aboveInputTokens`; the last tier exceeded wins for each rate it names. */
  readonly tiers?: readonly PriceTier[];
}
