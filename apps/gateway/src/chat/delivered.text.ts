import type { ChatCompletionChunk } from '@kt/providers';

/**
 * Past this many characters the text itself is no longer kept, only its length: the estimate
 * scales the kept text's count by it. An answer is bounded by max_tokens, so this is never hit
 * by an upstream that keeps to the request.
 */
const KEPT_CHARS = 8 * 1024 * 1024;

/**
 * The text of an answer as the client received it, chunk by chunk: content, refusal, and tool
 * calls' names and arguments of every choice. What a cut stream is billed for when the upstream
 * never said how many tokens it sent.
 */
export class DeliveredText {
  private readonly kept: string[] = [];
  private keptChars = 0;
  private droppedChars = 0;

  /** Call once the chunk was written to the client. */
  add(chunk: ChatCompletionChunk): void {
    for (const choice of chunk.choices) {
      const delta = choice.delta;
      this.keep(delta.content);
      this.keep(delta.refusal);
      for (const call of delta.tool_calls ?? []) {
        this.keep(call.function?.name);
        this.keep(call.function?.arguments);
      }
    }
  }

  get texts(): readonly string[] {
    return this.kept;
  }

  /** Multiplier for a count of `texts` so it covers what was delivered past the kept text too. */
  get scale(): number {
    return this.keptChars === 0 ? 1 : (this.keptChars + this.droppedChars) / this.keptChars;
  }

  private keep(text: string | null | undefined): void {
    if (typeof text !== 'string' || text === '') return;
    if (this.keptChars + text.length > KEPT_CHARS) {
      this.droppedChars += text.length;
      return;
    }
    this.kept.push(text);
    this.keptChars += text.length;
  }
}
