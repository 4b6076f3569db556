import type { ReportedUsage } from '@kt/contracts';
import { priceAttempt, type AttemptPrice } from './attempt.pricer.js';
import type { ModelPrice, TokenUsage } from './price.types.js';
import type { PriceableTarget } from './target.price.js';

export interface TargetAttemptInput {
  /** The pack target the attempt was sent to: priced as its `baseModel ?? model`, never as the model the upstream reports. */
  readonly target: Omit<PriceableTarget, 'fallbackPricing'>;
  /** The pack's `pricing:` section: its `fallbackRate` prices a target nothing else prices. */
  readonly packPricing?: { readonly fallbackRate?: ModelPrice };
  readonly usage: ReportedUsage;
  /** When the attempt started; prices are dated. */
  readonly at: Date;
  /** kt counted the usage itself (the upstream never reported it). */
  readonly estimated?: boolean;
}

export interface TargetAttemptPrice extends AttemptPrice {
  /** The usage was not priceable as given (a part above its whole, a count no safe integer): it was capped and the price marked 'estimate'. */
  readonly capped?: true;
}

/**
 * The one way an attempt at a pack target is priced, shared by the gateway and the prober so a
 * probe books what the same request through the gateway would. Never throws for a usage figure:
 * the upstream has answered and billed by now, so a usage `costOf` refuses is capped (see
 * `cappedUsage`) and priced as an estimate instead — a capped usage always prices.
 */
export function priceTargetAttempt(input: TargetAttemptInput): TargetAttemptPrice {
  const { target, packPricing, at } = input;
  const priced = (usage: TokenUsage, estimated: boolean): AttemptPrice =>
    priceAttempt({
      ...(target.pricing !== undefined && { pricing: target.pricing }),
      ...(packPricing?.fallbackRate !== undefined && { fallbackPricing: packPricing.fallbackRate }),
      vendor: target.vendor,
      upstreamModel: target.model,
      ...(target.baseModel !== undefined && { baseModel: target.baseModel }),
      at,
      ...(estimated && { estimated: true }),
      usage,
    });
  try {
    return priced(pricingUsage(input.usage), input.estimated === true);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { ...priced(cappedUsage(input.usage), true), capped: true };
  }
}

function pricingUsage(usage: ReportedUsage): TokenUsage {
  return {
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    ...(usage.cacheReadTokens !== undefined && { cachedInputTokens: usage.cacheReadTokens }),
    ...(usage.cacheWriteTokens !== undefined && { cacheWriteInputTokens: usage.cacheWriteTokens }),
    ...(usage.cacheWrite1hTokens !== undefined && { cacheWrite1hInputTokens: usage.cacheWrite1hTokens }),
    ...(usage.reasoningTokens !== undefined && { reasoningTokens: usage.reasoningTokens }),
  };
}

/**
 * `usage` made priceable, keeping every whole that is billed: a count that is not a non-negative
 * safe integer counts as 0 (a figure like 1e20 is a broken report, not tokens to bill); cache reads
 * are capped at the input, cache writes at what input is left, 1-hour writes at the writes,
 * reasoning at the output.
 */
export function cappedUsage(usage: ReportedUsage): TokenUsage {
  const input = safe(usage.inputTokens);
  const output = safe(usage.outputTokens);
  const cached = min(safe(usage.cacheReadTokens), input);
  const written = min(safe(usage.cacheWriteTokens), input - cached);
  return {
    inputTokens: input,
    outputTokens: output,
    cachedInputTokens: cached,
    cacheWriteInputTokens: written,
    cacheWrite1hInputTokens: min(safe(usage.cacheWrite1hTokens), written),
    reasoningTokens: min(safe(usage.reasoningTokens), output),
  };
}

function safe(count: number | undefined): bigint {
  return count !== undefined && Number.isSafeInteger(count) && count >= 0 ? BigInt(count) : 0n;
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
