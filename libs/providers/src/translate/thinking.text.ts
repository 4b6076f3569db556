import type { HiddenText } from '../upstream/upstream.types.js';

/** Thinking characters kept per stream; past it they are only counted (estimated at characters/4). */
export const KEPT_THINKING_CHARS = 256 * 1024;
/** Pieces appended before they are joined, so a long stream holds one string, not thousands. */
const PENDING_PIECES = 64;

/**
 * Anthropic thinking as it streams: the OpenAI translation has no place for it, but Anthropic
 * bills it as output, so a cut stream's estimate must count it. Bounded like the delivered text.
 */
export class ThinkingText implements HiddenText {
  private joined = '';
  private pending: string[] = [];
  private kept = 0;
  private omitted = 0;

  append(piece: string): void {
    if (this.kept + piece.length > KEPT_THINKING_CHARS) {
      this.omitted += piece.length;
      return;
    }
    this.kept += piece.length;
    this.pending.push(piece);
    if (this.pending.length >= PENDING_PIECES) this.compact();
  }

  get text(): string {
    this.compact();
    return this.joined;
  }

  get omittedChars(): number {
    return this.omitted;
  }

  private compact(): void {
    if (this.pending.length === 0) return;
    this.joined += this.pending.join('');
    this.pending = [];
  }
}
