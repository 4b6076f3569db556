import type { Target } from '@kt/pack';
import { countChatInputTokens, countOutputTokens, encodingFor } from '@kt/pricing';
import type { ChatRequest, TokenUsage, UpstreamStream } from '@kt/providers';
import { serviceLogger } from '@kt/telemetry';
import type { DeliveredText } from './delivered.text.js';

/** What a streamed attempt is billed for, and whether kt counted it itself. */
export interface StreamUsage {
  readonly usage: TokenUsage;
  readonly estimated: boolean;
}

/**
 * The upstream's own usage when it sent its final count. Otherwise (cut by the upstream, a
 * timeout, the client hanging up, or an upstream that never reports usage) kt counts: the input
 * the upstream reported if it did (Anthropic's `message_start` is exact), else the request's
 * tokens; the output is the text the client was actually delivered. Counted with the model's
 * own vocabulary for the OpenAI family, o200k as the closest available for the others.
 */
export async function streamUsage(
  upstream: UpstreamStream,
  delivered: DeliveredText,
  chat: ChatRequest,
  target: Target,
): Promise<StreamUsage> {
  const reported = upstream.usage;
  if (upstream.usageComplete && reported !== null) return { usage: reported, estimated: false };
  const encoding = encodingFor(target.baseModel ?? upstream.upstreamModel, target.vendor).name;
  const output = Math.ceil((await countOutputTokens(delivered, encoding)) * delivered.scale);
  if (reported !== null && reported.inputTokens > 0) {
    return { usage: { ...reported, outputTokens: output }, estimated: true };
  }
  const input = await countChatInputTokens(chat, encoding);
  return { usage: { inputTokens: input, outputTokens: output }, estimated: true };
}

/** `streamUsage`, except that a counting failure falls back to the upstream's usage and never loses the event. */
export async function billedStreamUsage(
  upstream: UpstreamStream,
  delivered: DeliveredText,
  chat: ChatRequest,
  target: Target,
): Promise<{ usage: TokenUsage | null; estimated: boolean }> {
  try {
    return await streamUsage(upstream, delivered, chat, target);
  } catch (error) {
    serviceLogger().error(
      { err: error },
      'counting a stream’s tokens failed; billed from the upstream’s usage',
    );
    return { usage: upstream.usage, estimated: false };
  }
}
