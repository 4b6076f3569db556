import type { ChatCompletionChunk, HiddenText } from '@kt/providers';
import { JoinedText } from './joined.text.js';

/**
 * Characters kept per stream, all fields together (≤ 512 KiB of heap, ~64k tokens). Past it only
 * the number of characters is kept, and the estimate counts them at characters/4. An answer is
 * bounded by max_tokens, so an upstream that keeps to a usual request never reaches it.
 */
export const KEPT_CHARS = 256 * 1024;

/**
 * The text of an answer as the upstream produced it, chunk by chunk: content, refusal, reasoning
 * (`reasoning_content` / `reasoning`, DeepSeek-style) and tool calls' names and arguments of every
 * choice, each field joined on its own (per choice, field and tool-call index) because a word cut
 * across deltas is one token, and choices of n > 1 interleave. What a cut stream is billed for when
 * the upstream never said how many tokens it sent.
 */
export class DeliveredText {
  private readonly fields = new Map<string, JoinedText>();
  private keptChars = 0;
  private omitted = 0;

  /** Call for every chunk read from the upstream, before it is written: the vendor bills it either way. */
  add(chunk: ChatCompletionChunk): void {
    for (const choice of chunk.choices) {
      const delta = choice.delta;
      const at = `${choice.index}`;
      this.keep(`${at}:content`, delta.content);
      this.keep(`${at}:refusal`, delta.refusal);
      const reasoning = delta['reasoning_content'];
      this.keep(`${at}:reasoning`, reasoning);
      // Some servers send the same text under both names during a rename: counted once.
      if (delta['reasoning'] !== reasoning) this.keep(`${at}:reasoning`, delta['reasoning']);
      for (const call of delta.tool_calls ?? []) {
        this.keep(`${at}:tool:${call.index}:name`, call.function?.name);
        this.keep(`${at}:tool:${call.index}:arguments`, call.function?.arguments);
      }
    }
  }

  /** Text the upstream generated but never sent on (Anthropic thinking the translation drops). */
  addHidden(hidden: HiddenText | undefined): void {
    if (hidden === undefined) return;
    this.keep('hidden', hidden.text);
    this.omitted += hidden.omittedChars;
  }

  /** One text per field, each joined from its pieces. */
  get texts(): readonly string[] {
    return [...this.fields.values()].map((field) => field.text);
  }

  /** Characters produced past `KEPT_CHARS`: counted, not kept. */
  get omittedChars(): number {
    return this.omitted;
  }

  /** Every character produced, kept or not. */
  get chars(): number {
    return this.keptChars + this.omitted;
  }

  private keep(key: string, text: unknown): void {
    if (typeof text !== 'string' || text === '') return;
    const room = KEPT_CHARS - this.keptChars;
    if (text.length > room) {
      this.omitted += text.length;
      return;
    }
    let field = this.fields.get(key);
    if (field === undefined) {
      field = new JoinedText();
      this.fields.set(key, field);
    }
    field.append(text);
    this.keptChars += text.length;
  }
}
