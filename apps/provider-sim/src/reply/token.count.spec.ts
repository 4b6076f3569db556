import { describe, expect, it } from 'vitest';
import { countInputTokens, countTokens } from './token.count.js';

describe('countTokens', () => {
  it.each([
    ['', 0],
    ['a', 1],
    ['abcd', 1],
    ['abcde', 2],
    ['hello world!', 3],
    ['é', 1], // 2 bytes
    ['日本語', 3], // 9 bytes
    ['🙂🙂', 2], // 8 bytes
  ])('counts %j as %i tokens (one per started 4 UTF-8 bytes)', (text, tokens) => {
    expect(countTokens(text)).toBe(tokens);
  });
});

describe('countInputTokens', () => {
  it('sums the tokens of each piece rather than of their concatenation', () => {
    expect(countInputTokens(['a', 'b', 'c'])).toBe(3);
    expect(countInputTokens(['be brief', 'hello there'])).toBe(2 + 3);
  });

  it('is zero without pieces', () => {
    expect(countInputTokens([])).toBe(0);
  });
});
