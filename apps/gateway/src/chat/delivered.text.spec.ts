import type { ChatCompletionChunk } from '@kt/providers';
import { describe, expect, it } from 'vitest';
import { DeliveredText, KEPT_CHARS } from './delivered.text.js';

const chunk = (delta: Record<string, unknown>, index = 0): ChatCompletionChunk => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index, delta, logprobs: null, finish_reason: null }],
});

describe('DeliveredText', () => {
  it('joins each field of each choice from its pieces, skipping empty deltas', () => {
    const delivered = new DeliveredText();
    delivered.add(chunk({ role: 'assistant', content: '' }));
    delivered.add(chunk({ content: 'Hel' }));
    delivered.add(chunk({ content: 'lo' }));
    delivered.add(chunk({ refusal: 'no' }));
    delivered.add(chunk({ tool_calls: [{ index: 0, function: { name: 'f', arguments: '{"a"' } }] }));
    delivered.add(chunk({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] }));
    expect(delivered.texts).toEqual(['Hello', 'no', 'f', '{"a":1}']);
    expect(delivered.omittedChars).toBe(0);
    expect(delivered.chars).toBe(15);
  });

  it('never joins across choices: n > 1 interleaves their deltas', () => {
    const delivered = new DeliveredText();
    delivered.add(chunk({ content: 'Hel' }, 0));
    delivered.add(chunk({ content: 'Bon' }, 1));
    delivered.add(chunk({ content: 'lo' }, 0));
    delivered.add(chunk({ content: 'jour' }, 1));
    expect(delivered.texts).toEqual(['Hello', 'Bonjour']);
  });

  it('keeps parallel tool calls apart by their index', () => {
    const delivered = new DeliveredText();
    const call = (index: number, args: string) =>
      chunk({ tool_calls: [{ index, function: { arguments: args } }] });
    delivered.add(call(0, '{"ci'));
    delivered.add(call(1, '{"q'));
    delivered.add(call(0, 'ty":"Paris"}'));
    delivered.add(call(1, '":2}'));
    expect(delivered.texts).toEqual(['{"city":"Paris"}', '{"q":2}']);
  });

  it('keeps DeepSeek-style reasoning, once when a server sends it under both names', () => {
    const delivered = new DeliveredText();
    delivered.add(chunk({ reasoning_content: 'Let me ' }));
    delivered.add(chunk({ reasoning_content: 'think', reasoning: 'think' }));
    delivered.add(chunk({ reasoning: '.' }));
    delivered.add(chunk({ content: 'Yes' }));
    expect(delivered.texts).toEqual(['Let me think.', 'Yes']);
  });

  it('keeps hidden upstream text (Anthropic thinking) and its omitted count', () => {
    const delivered = new DeliveredText();
    delivered.add(chunk({ content: 'Yes' }));
    delivered.addHidden({ text: 'I should say yes', omittedChars: 40 });
    delivered.addHidden(undefined);
    expect(delivered.texts).toEqual(['Yes', 'I should say yes']);
    expect(delivered.omittedChars).toBe(40);
    expect(delivered.chars).toBe(3 + 16 + 40);
  });

  it('keeps at most KEPT_CHARS characters and only counts the rest', () => {
    const delivered = new DeliveredText();
    const piece = 'abcdefgh '.repeat(100);
    const pieces = Math.ceil((KEPT_CHARS * 3) / piece.length);
    for (let i = 0; i < pieces; i++) delivered.add(chunk({ content: piece }, i % 2));
    const kept = delivered.texts.reduce((sum, text) => sum + text.length, 0);
    expect(kept).toBeLessThanOrEqual(KEPT_CHARS);
    expect(kept).toBeGreaterThan(KEPT_CHARS - piece.length);
    expect(delivered.chars).toBe(pieces * piece.length);
    expect(delivered.omittedChars).toBe(pieces * piece.length - kept);
  });

  it('holds a million one-word deltas in a few MB, not one string per delta', () => {
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const delivered = new DeliveredText();
    for (let i = 0; i < 1_000_000; i++) delivered.add(chunk({ content: `w${i % 10} ` }));
    globalThis.gc?.();
    const grew = process.memoryUsage().heapUsed - before;
    expect(delivered.chars).toBe(3_000_000);
    // Without gc exposed, garbage inflates this; the array of pieces it replaced held ~24 MB live.
    console.info(`1M deltas: heap grew ${(grew / 1e6).toFixed(1)} MB, kept ${KEPT_CHARS} chars`);
    expect(delivered.texts[0]!.length).toBe(KEPT_CHARS - (KEPT_CHARS % 3));
  });
});
