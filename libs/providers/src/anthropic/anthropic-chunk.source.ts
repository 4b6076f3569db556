import type { ChunkSource } from '../http/chunk.source.js';
import type { ChatCompletionChunk, FinishReason } from '../openai/openai.types.js';
import type { SseEvent } from '../sse/sse.decoder.js';
import { AnthropicToOpenAIStream } from '../translate/anthropic-to-openai.stream.js';
import { anthropicErrorToOpenAI } from '../translate/error.translate.js';
import { redactSecrets } from '../upstream/secret.redactor.js';
import { tokenUsageFromAnthropic } from '../upstream/token-usage.reader.js';
import type { UpstreamErrorKind } from '@kt/contracts';
import { UpstreamError } from '../upstream/upstream.error.js';
import type { HiddenText, TokenUsage } from '../upstream/upstream.types.js';
import { isAnthropicStreamEvent } from './anthropic.shape.js';

const STREAM_ERROR_KINDS: Readonly<Record<string, UpstreamErrorKind>> = {
  overloaded_error: 'service_unavailable',
  rate_limit_error: 'rate_limited',
  timeout_error: 'timeout',
};

/** Anthropic SSE → OpenAI chunks; `message_stop` ends the stream, an `error` event fails it. */
export class AnthropicChunkSource implements ChunkSource {
  private readonly translator: AnthropicToOpenAIStream;
  /** `message_delta` carries the final (cumulative) output count; `message_start`'s is a placeholder. */
  usageComplete = false;

  constructor(
    includeUsage: boolean,
    private readonly label: string,
    private readonly apiKey: string,
  ) {
    this.translator = new AnthropicToOpenAIStream({ includeUsage });
  }

  get ended(): boolean {
    return this.translator.done;
  }

  get usage(): TokenUsage | null {
    return tokenUsageFromAnthropic(this.translator.usage);
  }

  get model(): string | null {
    return this.translator.model;
  }

  get finishReason(): FinishReason | null {
    return this.translator.finishReason;
  }

  /** Thinking the upstream streamed: billed by Anthropic as output, never sent to the client. */
  get hiddenText(): HiddenText {
    return this.translator.thinking;
  }

  push(event: SseEvent): readonly ChatCompletionChunk[] {
    if (this.ended) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(event.data);
    } catch {
      throw new UpstreamError('malformed_response', `${this.label}: stream event is not valid JSON`, {
        status: 200,
      });
    }
    if (!isAnthropicStreamEvent(parsed))
      throw new UpstreamError('malformed_response', `${this.label}: unexpected stream event`, {
        status: 200,
      });
    if (parsed.type === 'error') {
      const message = redactSecrets(parsed.error.message, this.apiKey);
      const body = anthropicErrorToOpenAI(500, {
        type: 'error',
        error: { type: parsed.error.type, message },
      });
      const kind = STREAM_ERROR_KINDS[parsed.error.type] ?? 'server_error';
      throw new UpstreamError(kind, `${this.label}: error inside the stream: ${message}`, {
        status: 200,
        body,
      });
    }
    const chunks = this.translator.push(parsed);
    if (parsed.type === 'message_delta' && parsed.usage !== undefined) this.usageComplete = true;
    return chunks;
  }
}
