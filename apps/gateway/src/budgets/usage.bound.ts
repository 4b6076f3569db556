import type { ChatRequest, EmbeddingsRequest } from '@kt/providers';
import { dearestRates, resolveTargetPrice, type PriceableTarget } from '@kt/pricing';
import { clampLeaseAmount, MAX_LEASE_MICRO_USD } from './lease.bounds.js';

/** The most tokens a request can be billed for; `outputTokens` null = no cap given (a default applies). */
export interface UsageBound {
  readonly inputTokens: number;
  readonly outputTokens: number | null;
}

/** A target as a reservation prices it. */
export type PricedTarget = PriceableTarget;

/**
 * Input is bounded by the UTF-8 bytes of the whole request (a token is never shorter than a byte,
 * and the JSON framing covers per-message overhead); output by `max_tokens` × `n` choices.
 */
export function chatUsageBound(chat: ChatRequest): UsageBound {
  const cap = chat.max_completion_tokens ?? chat.max_tokens ?? null;
  const choices = typeof chat.n === 'number' && chat.n > 1 ? chat.n : 1;
  return { inputTokens: bytesOf(chat), outputTokens: cap === null ? null : cap * choices };
}

/** Embeddings are billed for input only. */
export function embeddingsUsageBound(request: EmbeddingsRequest): UsageBound {
  return { inputTokens: bytesOf(request.input), outputTokens: 0 };
}

/**
 * The most one attempt at `target` can cost, in micro-USD, rounded up: every input token at the
 * dearest input rate the price has (cache writes, long-context tiers), every output token at the
 * dearest output rate, plus any per-request fee. A target with no price (not even the pack's
 * fallback rate in `fallbackPricing`) is 0, as its attempts are booked: planning does not try one
 * under a block budget (UnpricedRefusals), so this is only reached when no block budget covers it.
 */
export function maxAttemptCost(target: PricedTarget, bound: UsageBound, defaultOutputTokens: number): bigint {
  const price = resolveTargetPrice(target, new Date())?.price;
  if (price === undefined) return 0n;
  const rates = dearestRates(price);
  const input = tokens(bound.inputTokens);
  const output = tokens(bound.outputTokens ?? defaultOutputTokens);
  // Unbounded (a non-finite count) costs the most a reservation can be: the lease book's clamp.
  if (input === undefined || output === undefined) return MAX_LEASE_MICRO_USD;
  const total = input * rates.input + output * rates.output + rates.request;
  return clampLeaseAmount((total + 999_999n) / 1_000_000n);
}

/**
 * A client-chosen count as whole tokens, rounded up (`n: 1.5` or a fractional `max_tokens` must not
 * make `BigInt` throw); undefined when it is not finite, negative counts as 0.
 */
function tokens(count: number): bigint | undefined {
  if (!Number.isFinite(count)) return undefined;
  return count <= 0 ? 0n : BigInt(Math.ceil(count));
}

function bytesOf(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}
