import { describe, expect, it } from 'vitest';
import { isStorableText, toStorableText, unstorablePath } from './storable.text.js';

describe('storable text', () => {
  it.each([
    ['plain', 'gpt-5.4-mini', true, 'gpt-5.4-mini'],
    ['a paired surrogate (emoji)', 'a\u{1F600}b', true, 'a\u{1F600}b'],
    ['U+0000', 'a\u0000b', false, 'a\uFFFDb'],
    ['a lone high surrogate', 'a\uD800', false, 'a\uFFFD'],
    ['a lone low surrogate', '\uDC00a', false, '\uFFFDa'],
    ['several of them', '\u0000\uD800x\u0000', false, '\uFFFD\uFFFDx\uFFFD'],
  ])('judges %s storable=%s and makes it %j', (_name, text, storable, made) => {
    expect(isStorableText(text)).toBe(storable);
    expect(toStorableText(text)).toBe(made);
    expect(isStorableText(toStorableText(text))).toBe(true);
  });

  it.each([
    [{ a: 'ok', b: [1, 'x', { c: 'y\u0000' }] }, 'b[2].c'],
    [{ 'k\uD800': 1 }, '(a key)'],
    [{ a: { 'k\u0000': 1 } }, 'a (a key)'],
    ['\u0000', '(record)'],
    [{ a: ['ok', null, 3, true] }, undefined],
  ])('finds the first unstorable string of %j at %s', (value, path) => {
    expect(unstorablePath(value)).toBe(path);
  });
});
