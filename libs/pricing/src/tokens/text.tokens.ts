import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { tokenCounter, type EncodingName } from './token.encoding.js';

/**
 * BPE merging is quadratic in the length of one unbroken word, and a prompt may be megabytes of
 * one: text is counted in slices of at most this many characters, cut at whitespace where one
 * is near. A cut inside a word adds at most one token per slice (< 1 % on ordinary text).
 */
const SLICE_CHARS = 512;
/** Characters counted between two yields to the event loop (a few milliseconds of work). */
const YIELD_EVERY_CHARS = 16 * 1024;

/** Counts tokens of many texts in bounded slices, yielding to the event loop between batches. */
export class TokenTally {
  private total = 0;
  private sinceYield = 0;

  private constructor(private readonly count: (text: string) => number) {}

  static async open(encoding: EncodingName): Promise<TokenTally> {
    return new TokenTally(await tokenCounter(encoding));
  }

  get tokens(): number {
    return this.total;
  }

  /** Adds `n` tokens that are not text (per-message framing). */
  addFixed(n: number): void {
    this.total += n;
  }

  async addText(text: string): Promise<void> {
    for (const slice of slices(text)) {
      this.total += this.count(slice);
      this.sinceYield += slice.length;
      if (this.sinceYield >= YIELD_EVERY_CHARS) {
        this.sinceYield = 0;
        await yieldToEventLoop();
      }
    }
  }
}

/** Tokens of `text` alone. */
export async function countTextTokens(text: string, encoding: EncodingName): Promise<number> {
  const tally = await TokenTally.open(encoding);
  await tally.addText(text);
  return tally.tokens;
}

/**
 * The rough count used where the tokenizer is not run (a prompt too large to tokenize on the
 * event loop, text past the kept bound, a tokenizer that failed to load): one token per four
 * characters or UTF-8 bytes, OpenAI's rule of thumb for English, rounded up.
 */
export function roughTokens(charsOrBytes: number): number {
  return Math.ceil(charsOrBytes / 4);
}

function* slices(text: string): Generator<string> {
  let start = 0;
  while (text.length - start > SLICE_CHARS) {
    let end = start + SLICE_CHARS;
    const space = lastSpace(text, end, start + SLICE_CHARS / 2);
    if (space > 0) end = space;
    // Never split a surrogate pair: half an emoji would count as replacement characters.
    else if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
    yield text.slice(start, end);
    start = end;
  }
  if (start < text.length) yield text.slice(start);
}

/** The last space in [from, end), or -1: a bounded scan (lastIndexOf would search to the start). */
function lastSpace(text: string, end: number, from: number): number {
  for (let i = end - 1; i > from; i--) if (text.charCodeAt(i) === 0x20) return i;
  return -1;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
