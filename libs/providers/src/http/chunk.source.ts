import type { ChatCompletionChunk, FinishReason } from '../openai/openai.types.js';
import type { SseEvent } from '../sse/sse.decoder.js';
import type { HiddenText, TokenUsage } from '../upstream/upstream.types.js';

/**
 * One vendor's stream dialect: turns its SSE events into the OpenAI chunks the client gets, and
 * notices the terminal event (`[DONE]`, `message_stop`) and the usage on the way.
 */
export interface ChunkSource {
  /** Throws an `UpstreamError` for an error event or an unreadable one. */
  push(event: SseEvent): readonly ChatCompletionChunk[];
  /** The terminal event arrived: the stream is complete. */
  readonly ended: boolean;
  readonly usage: TokenUsage | null;
  /**
   * The upstream reported its final count of output tokens (OpenAI's usage chunk, Anthropic's
   * `message_delta`). Until then `usage` is absent or partial: Anthropic's `message_start` has
   * the exact input but a placeholder output count.
   */
  readonly usageComplete: boolean;
  readonly model: string | null;
  readonly finishReason: FinishReason | null;
  /** Generated text the chunks do not carry (Anthropic thinking), when the dialect drops any. */
  readonly hiddenText?: HiddenText;
}
