import { describe, expect, it } from 'vitest';
import type { AnthropicStreamEvent } from '../anthropic/anthropic.types.js';
import { AnthropicToOpenAIStream } from './anthropic-to-openai.stream.js';
import { KEPT_THINKING_CHARS, ThinkingText } from './thinking.text.js';

const thinking = (t: string): AnthropicStreamEvent => ({
  type: 'content_block_delta',
  index: 0,
  delta: { type: 'thinking_delta', thinking: t },
});

describe('Anthropic thinking', () => {
  it('is not sent to the client but kept for the estimate, joined', () => {
    const stream = new AnthropicToOpenAIStream({ includeUsage: false, created: 1 });
    stream.push({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'thinking' } as never,
    });
    expect(stream.push(thinking('Let me '))).toEqual([]);
    expect(stream.push(thinking('think.'))).toEqual([]);
    expect(stream.thinking.text).toBe('Let me think.');
    expect(stream.thinking.omittedChars).toBe(0);
  });

  it('keeps at most KEPT_THINKING_CHARS characters and only counts the rest', () => {
    const text = new ThinkingText();
    const piece = 'x'.repeat(1000);
    const pieces = Math.ceil(KEPT_THINKING_CHARS / 1000) + 10;
    for (let i = 0; i < pieces; i++) text.append(piece);
    expect(text.text.length).toBeLessThanOrEqual(KEPT_THINKING_CHARS);
    expect(text.text.length + text.omittedChars).toBe(pieces * 1000);
  });
});
