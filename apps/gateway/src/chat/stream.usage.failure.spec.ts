import type { Target } from '@kt/pack';
import type { ChatRequest, UpstreamStream } from '@kt/providers';
import { describe, expect, it, vi } from 'vitest';
import { DeliveredText } from './delivered.text.js';
import { billedStreamUsage } from './stream.usage.js';

// A tokenizer that cannot load (a broken install, memory pressure): counting throws.
vi.mock('@kt/pricing', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@kt/pricing')>()),
  countOutputTokens: () => Promise.reject(new Error('vocabulary failed to load')),
  countChatInputTokens: () => Promise.reject(new Error('vocabulary failed to load')),
}));

const chat: ChatRequest = { model: 'g', messages: [{ role: 'user', content: 'hello world' }] };
const target = { vendor: 'openai', model: 'gpt-4o' } as unknown as Target;

describe('billedStreamUsage when counting fails', () => {
  it('bills a characters/4 estimate, never the upstream’s null usage at $0', async () => {
    const delivered = new DeliveredText();
    delivered.add({
      id: 'c',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [{ index: 0, delta: { content: 'Hello there, friend' }, logprobs: null, finish_reason: null }],
    });
    const upstream = {
      usage: null,
      usageComplete: false,
      upstreamModel: 'gpt-4o',
    } as unknown as UpstreamStream;
    expect(await billedStreamUsage(upstream, delivered, chat, target)).toEqual({
      usage: { inputTokens: 10, outputTokens: 5 },
      estimated: true,
    });
  });
});
