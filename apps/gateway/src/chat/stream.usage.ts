import type { Target } from '@kt/pack';
import {
  countChatInputTokens,
  countOutputTokens,
  encodingFor,
  estimateChatInputTokens,
  roughTokens,
} from '@kt/pricing';
import type { ChatRequest, TokenUsage, UpstreamStream } from '@kt/providers';
import { serviceLogger } from '@kt/telemetry';
import { chatUsageBound } from '../budgets/usage.bound.js';
import { countingQueue } from './counting.queue.js';
import type { DeliveredText } from './delivered.text.js';

/** What a streamed attempt is billed for, and whether kt counted it itself. */
export interface StreamUsage {
  readonly usage: TokenUsage;
  readonly estimated: boolean;
}

/**
 * The upstream's own usage when it sent its final count. Otherwise (cut by the upstream, a
 * timeout, the client hanging up, an upstream that never reports usage, or one that reports 0
 * output for an answer that had text) kt counts: the input the upstream reported if it did
 * (Anthropic's `message_start` is exact), else the request's tokens; the output is the text the
 * upstream produced (delivered, plus Anthropic thinking the translation drops), never more than
 * max_tokens × n. Counted with the model's own vocabulary for the OpenAI family, o200k as the
 * closest available for the others.
 */
export async function streamUsage(
  upstream: UpstreamStream,
  delivered: DeliveredText,
  chat: ChatRequest,
  target: Target,
): Promise<StreamUsage> {
  const trusted = trustedUsage(upstream, delivered);
  if (trusted !== null) return { usage: trusted, estimated: false };
  return countingQueue.run(() => countedUsage(upstream, delivered, chat, target));
}

async function countedUsage(
  upstream: UpstreamStream,
  delivered: DeliveredText,
  chat: ChatRequest,
  target: Target,
): Promise<StreamUsage> {
  const reported = upstream.usage;
  const encoding = encodingFor(target.baseModel ?? upstream.upstreamModel, target.vendor).name;
  const counted = (await countOutputTokens(delivered, encoding)) + roughTokens(delivered.omittedChars);
  const output = capped(counted, chat);
  if (reported !== null && reported.inputTokens > 0) {
    return { usage: { ...reported, outputTokens: output }, estimated: true };
  }
  const input = await countChatInputTokens(chat, encoding);
  return { usage: { inputTokens: input, outputTokens: output }, estimated: true };
}

/**
 * `streamUsage`, except that a counting failure (a tokenizer that did not load) is never billed
 * at $0: input from the request's bytes/4 (or the upstream's input count), output from the
 * characters produced /4, still marked `estimate`. Logged once per process, not once per stream.
 * Adds the upstream's hidden text (Anthropic thinking) to `delivered` first: call it once.
 */
export async function billedStreamUsage(
  upstream: UpstreamStream,
  delivered: DeliveredText,
  chat: ChatRequest,
  target: Target,
): Promise<StreamUsage> {
  delivered.addHidden(upstream.hiddenText);
  try {
    return await streamUsage(upstream, delivered, chat, target);
  } catch (error) {
    if (!failureLogged) {
      failureLogged = true;
      serviceLogger().error(
        { err: error },
        'counting a stream’s tokens failed; estimated at characters/4 (logged once)',
      );
    }
    return roughStreamUsage(upstream, delivered, chat);
  }
}

let failureLogged = false;

/** The tokenizer-free estimate: cannot fail, so the attempt is always billed. */
export function roughStreamUsage(
  upstream: UpstreamStream,
  delivered: DeliveredText,
  chat: ChatRequest,
): StreamUsage {
  const reported = upstream.usage;
  const output = capped(roughTokens(delivered.chars), chat);
  if (reported !== null && reported.inputTokens > 0) {
    return { usage: { ...reported, outputTokens: output }, estimated: true };
  }
  return { usage: { inputTokens: estimateChatInputTokens(chat), outputTokens: output }, estimated: true };
}

/**
 * The upstream's final count, unless it says 0 output for an answer that had text (some
 * OpenAI-compatible servers report `completion_tokens: 0`): then the output is estimated.
 */
function trustedUsage(upstream: UpstreamStream, delivered: DeliveredText): TokenUsage | null {
  const reported = upstream.usage;
  if (!upstream.usageComplete || reported === null) return null;
  return reported.outputTokens > 0 || delivered.chars === 0 ? reported : null;
}

/** No upstream may bill more output than the client allowed: max_tokens × n, when it set one. */
function capped(tokens: number, chat: ChatRequest): number {
  const cap = chatUsageBound(chat).outputTokens;
  return cap === null ? tokens : Math.min(tokens, cap);
}
