import type { ChatCompletionChunk } from '@kt/providers';
import { describe, expect, it } from 'vitest';
import { DeliveredText } from './delivered.text.js';

const chunk = (delta: Record<string, unknown>, index = 0): ChatCompletionChunk => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index, delta, logprobs: null, finish_reason: null }],
});

describe('DeliveredText', () => {
  it('keeps content, refusal and tool calls of every choice, skipping empty deltas', () => {
    const delivered = new DeliveredText();
    delivered.add(chunk({ role: 'assistant', content: '' }));
    delivered.add(chunk({ content: 'Hello' }));
    delivered.add(chunk({ content: ' there' }, 1));
    delivered.add(chunk({ refusal: 'no' }));
    delivered.add(chunk({ tool_calls: [{ index: 0, function: { name: 'f', arguments: '{"a"' } }] }));
    delivered.add(chunk({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] }));
    expect(delivered.texts).toEqual(['Hello', ' there', 'no', 'f', '{"a"', ':1}']);
    expect(delivered.scale).toBe(1);
  });
});
