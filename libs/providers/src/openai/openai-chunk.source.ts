import type { ChunkSource } from '../http/chunk.source.js';
import type { SseEvent } from '../sse/sse.decoder.js';
import { readErrorBody } from '../upstream/error-body.reader.js';
import { tokenUsageFromOpenAI } from '../upstream/token-usage.reader.js';
import { UpstreamError } from '../upstream/upstream.error.js';
import type { TokenUsage } from '../upstream/upstream.types.js';
import { isChatCompletionChunk } from './openai.shape.js';
import type { ChatCompletionChunk, FinishReason } from './openai.types.js';

/**
 * OpenAI-family SSE: chunks pass through, `[DONE]` ends the stream. kt always asks for usage;
 * usage is taken from whichever chunk carries it (some upstreams put it on the finish chunk), and
 * when the client did not ask, the usage-only chunk is dropped and `usage` removed from the others.
 */
export class OpenAIChunkSource implements ChunkSource {
  ended = false;
  usage: TokenUsage | null = null;
  model: string | null = null;
  finishReason: FinishReason | null = null;

  /** OpenAI sends usage once, in the last chunk before `[DONE]`: having it means it is final. */
  get usageComplete(): boolean {
    return this.usage !== null;
  }

  constructor(
    private readonly clientWantsUsage: boolean,
    private readonly label: string,
    private readonly apiKey: string,
  ) {}

  push(event: SseEvent): readonly ChatCompletionChunk[] {
    if (this.ended) return [];
    if (event.data.trim() === '[DONE]') {
      this.ended = true;
      return [];
    }
    const chunk = this.parse(event.data);
    if (this.model === null && typeof chunk.model === 'string' && chunk.model !== '')
      this.model = chunk.model;
    for (const choice of chunk.choices)
      if (choice.index === 0 && choice.finish_reason) this.finishReason = choice.finish_reason;
    if (chunk.usage != null) this.usage = tokenUsageFromOpenAI(chunk.usage) ?? this.usage;
    if (this.clientWantsUsage || !('usage' in chunk)) return [chunk];
    if (chunk.choices.length === 0 && chunk.usage != null) return [];
    const { usage: _usage, ...rest } = chunk;
    return [rest as ChatCompletionChunk];
  }

  private parse(data: string): ChatCompletionChunk {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      throw new UpstreamError('malformed_response', `${this.label}: stream event is not valid JSON`, {
        status: 200,
      });
    }
    // OpenAI reports failures inside a started stream as a bare `{"error": …}` event.
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed && !('choices' in parsed)) {
      const body = readErrorBody(data, 500, this.apiKey);
      throw new UpstreamError(
        'server_error',
        `${this.label}: error inside the stream: ${body.error.message}`,
        { status: 200, body },
      );
    }
    if (!isChatCompletionChunk(parsed))
      throw new UpstreamError(
        'malformed_response',
        `${this.label}: stream event is not a chat.completion.chunk`,
        { status: 200 },
      );
    return parsed;
  }
}
