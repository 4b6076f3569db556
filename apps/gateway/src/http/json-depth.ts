/**
 * Whether JSON text nests objects and arrays deeper than `max`, found by one pass over the text
 * before it is parsed: a 100k-deep body parses fine but overflows the stack of every recursive walk
 * after it (serializing it for the upstream, pricing its size), which surfaced as a 502. Brackets
 * inside strings do not count. Malformed text is left to the parser to refuse.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}
