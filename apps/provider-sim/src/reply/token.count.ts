/**
 * The simulators' token rule: one token per started block of 4 UTF-8 bytes,
 * `countTokens(text) = ceil(utf8ByteLength(text) / 4)`. Crude on purpose: tests and the demo
 * must predict usage (and therefore cost) exactly without shipping a real tokenizer.
 */
export function countTokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, 'utf8') / 4);
}

/** Input tokens of a request: the sum of `countTokens` over every text piece (each message, the system prompt). */
export function countInputTokens(texts: readonly string[]): number {
  let total = 0;
  for (const text of texts) total += countTokens(text);
  return total;
}
