import { UpstreamError, type ChatCompletionChunk } from '@kt/providers';
import { describe, expect, it } from 'vitest';
import { DeliveredText } from './delivered.text.js';
import { relayStream } from './stream.relay.js';

const chunk = (content: string): ChatCompletionChunk => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }],
});
const encoder = {
  chunk: (c: ChatCompletionChunk) => `data: ${c.choices[0]!.delta.content}\n\n`,
  end: () => 'data: [DONE]\n\n',
  error: () => 'data: error\n\n',
};

async function* upstream(...chunks: ChatCompletionChunk[]): AsyncGenerator<ChatCompletionChunk> {
  for (const c of chunks) yield c;
}

describe('relayStream', () => {
  it('records the chunk whose write found the client gone: the vendor billed it', async () => {
    const controller = new AbortController();
    const written: string[] = [];
    const write = (data: string) => {
      written.push(data);
      if (written.length < 2) return Promise.resolve(true);
      controller.abort();
      return Promise.resolve(false);
    };
    const delivered = new DeliveredText();
    const failure = await relayStream(
      upstream(chunk('one '), chunk('two '), chunk('three')),
      write,
      encoder,
      delivered,
      controller.signal,
    );
    expect(failure?.errorKind).toBe('aborted');
    expect(delivered.texts).toEqual(['one two ']);
  });

  it('ends a whole stream with the end event, and reports an upstream failure as an error event', async () => {
    const written: string[] = [];
    const write = (data: string) => Promise.resolve(written.push(data) > 0);
    const delivered = new DeliveredText();
    expect(
      await relayStream(upstream(chunk('hi')), write, encoder, delivered, new AbortController().signal),
    ).toBe(undefined);
    expect(written).toEqual(['data: hi\n\n', 'data: [DONE]\n\n']);
    async function* cut(): AsyncGenerator<ChatCompletionChunk> {
      yield chunk('a');
      throw new UpstreamError('stream_cut', 'gone');
    }
    const failure = await relayStream(cut(), write, encoder, delivered, new AbortController().signal);
    expect(failure?.errorKind).toBe('stream_cut');
    expect(written.at(-1)).toBe('data: error\n\n');
  });
});
