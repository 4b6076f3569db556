import { describe, expect, it } from 'vitest';
import type { SseEvent } from '../sse/sse.decoder.js';
import { UpstreamError } from '../upstream/upstream.error.js';
import { OpenAIChunkSource } from './openai-chunk.source.js';
import type { ChatCompletionChunk } from './openai.types.js';

const KEY = 'sk-live-abcdef123456';
const data = (value: unknown): SseEvent => ({
  event: null,
  data: typeof value === 'string' ? value : JSON.stringify(value),
});
const chunk = (
  content: string | null,
  finish: string | null = null,
  usage?: unknown,
): Record<string, unknown> => ({
  id: 'c1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gpt-x-2025',
  choices: [{ index: 0, delta: content === null ? {} : { content }, finish_reason: finish }],
  ...(usage !== undefined ? { usage } : {}),
});
const usage = { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 };
const usageChunk = {
  id: 'c1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gpt-x-2025',
  choices: [],
  usage,
};

function run(
  clientWantsUsage: boolean,
  events: readonly SseEvent[],
): { out: ChatCompletionChunk[]; source: OpenAIChunkSource } {
  const source = new OpenAIChunkSource(clientWantsUsage, 'openai target t', KEY);
  return { out: events.flatMap((e) => source.push(e)), source };
}

describe('OpenAIChunkSource', () => {
  it.each<[string, boolean, SseEvent[], unknown[]]>([
    [
      'strips the usage-only chunk and usage: null fields kt asked for on the client’s behalf',
      false,
      [data(chunk('Hi', null, null)), data(chunk(null, 'stop', null)), data(usageChunk), data('[DONE]')],
      [chunk('Hi'), chunk(null, 'stop')],
    ],
    [
      'passes the usage chunk through when the client asked for it',
      true,
      [data(chunk('Hi', null, null)), data(chunk(null, 'stop', null)), data(usageChunk), data('[DONE]')],
      [chunk('Hi', null, null), chunk(null, 'stop', null), usageChunk],
    ],
    [
      'keeps a terminal chunk that carries both a finish reason and usage, minus the usage',
      false,
      [data(chunk('Hi')), data(chunk(null, 'stop', usage)), data('[DONE]')],
      [chunk('Hi'), chunk(null, 'stop')],
    ],
    ['passes chunks without usage untouched', false, [data(chunk('a')), data('[DONE]')], [chunk('a')]],
    [
      'ignores anything after [DONE]',
      false,
      [data(chunk('a')), data('[DONE]'), data(chunk('late'))],
      [chunk('a')],
    ],
  ])('%s', (_name, wantsUsage, events, expected) => {
    expect(run(wantsUsage, events).out).toEqual(expected);
  });

  it.each([
    ['a usage-only chunk', [data(chunk('a', null, null)), data(usageChunk), data('[DONE]')]],
    ['a terminal chunk with choices', [data(chunk('a')), data(chunk(null, 'stop', usage)), data('[DONE]')]],
  ])('reads usage, model and finish reason from %s', (_name, events) => {
    const { source } = run(false, events);
    expect(source.usage).toEqual({ inputTokens: 7, outputTokens: 2 });
    expect(source.model).toBe('gpt-x-2025');
    expect(source.ended).toBe(true);
  });

  it('records the finish reason of the first choice', () => {
    expect(run(false, [data(chunk(null, 'length'))]).source.finishReason).toBe('length');
  });

  it('has complete usage only once the usage chunk arrived', () => {
    const source = new OpenAIChunkSource(false, 'openai target a', KEY);
    source.push(data(chunk('Hi')));
    expect(source.usageComplete).toBe(false);
    source.push(data(usageChunk));
    expect(source.usageComplete).toBe(true);
  });

  it('is not ended before [DONE]', () => {
    expect(run(false, [data(chunk('a'))]).source.ended).toBe(false);
  });

  it.each<[string, SseEvent, string]>([
    ['broken JSON as a malformed response', data('{"id":"c1","cho'), 'malformed_response'],
    ['an event without choices as a malformed response', data({ id: 'x' }), 'malformed_response'],
    [
      'an error event inside the stream as a server error',
      data({ error: { message: `overloaded for ${KEY}`, type: 'server_error' } }),
      'server_error',
    ],
  ])('throws on %s', (_name, event, kind) => {
    const source = new OpenAIChunkSource(false, 'openai target t', KEY);
    let thrown: unknown;
    try {
      source.push(event);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UpstreamError);
    expect((thrown as UpstreamError).errorKind).toBe(kind);
    expect((thrown as UpstreamError).message).not.toContain(KEY);
  });
});
