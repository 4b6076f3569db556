/** Pieces appended before they are joined into one flat string. */
const PENDING_PIECES = 64;

/**
 * One field's text as it streams in, kept as a single string: a stream of a million one-word
 * deltas would otherwise hold a million small strings (~24 MB of heap) until it ends. Pieces
 * are joined every few dozen, so what is held is the characters plus a small overhead.
 */
export class JoinedText {
  private joined = '';
  private pending: string[] = [];

  append(piece: string): void {
    this.pending.push(piece);
    if (this.pending.length >= PENDING_PIECES) this.compact();
  }

  get text(): string {
    this.compact();
    return this.joined;
  }

  private compact(): void {
    if (this.pending.length === 0) return;
    this.joined += this.pending.join('');
    this.pending = [];
  }
}
