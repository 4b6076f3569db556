import { describe, expect, it } from 'vitest';
import type { SseEvent } from '../sse/sse.decoder.js';
import type { UpstreamErrorKind } from '@kt/contracts';
import { UpstreamError } from '../upstream/upstream.error.js';
import { AnthropicChunkSource } from './anthropic-chunk.source.js';

const event = (type: string, body: Record<string, unknown> = {}): SseEvent => ({
  event: type,
  data: JSON.stringify({ type, ...body }),
});
const start = event('message_start', {
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-x',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 11, output_tokens: 1, cache_read_input_tokens: 4 },
  },
});

describe('AnthropicChunkSource', () => {
  it('holds message_start’s usage as partial until message_delta reports the output count', () => {
    const source = new AnthropicChunkSource(false, 'anthropic target a', 'key-1234');
    source.push(start);
    source.push(event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hi' } }));
    expect(source.usage).toMatchObject({ inputTokens: 15, outputTokens: 1 });
    expect(source.usageComplete).toBe(false);
    source.push(
      event('message_delta', {
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 6 },
      }),
    );
    expect(source.usageComplete).toBe(true);
    expect(source.usage).toMatchObject({ outputTokens: 6 });
  });

  it('translates a whole stream and reports usage, model and finish reason', () => {
    const source = new AnthropicChunkSource(false, 'anthropic target a', 'key-1234');
    const chunks = [
      start,
      event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
      event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hi' } }),
      event('content_block_stop', { index: 0 }),
      event('message_delta', {
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 6 },
      }),
      event('message_stop'),
    ].flatMap((e) => source.push(e));
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? c.choices[0]?.finish_reason)).toEqual([
      '',
      'Hi',
      'stop',
    ]);
    expect([source.ended, source.model, source.finishReason]).toEqual([true, 'claude-x', 'stop']);
    expect(source.usage).toEqual({ inputTokens: 15, outputTokens: 6, cacheReadTokens: 4 });
  });

  it.each<[string, SseEvent, UpstreamErrorKind]>([
    [
      'an overloaded error event as service unavailable',
      event('error', { error: { type: 'overloaded_error', message: 'Overloaded' } }),
      'service_unavailable',
    ],
    [
      'a rate limit error event as rate limited',
      event('error', { error: { type: 'rate_limit_error', message: 'slow' } }),
      'rate_limited',
    ],
    [
      'an api error event as a server error',
      event('error', { error: { type: 'api_error', message: 'boom' } }),
      'server_error',
    ],
    [
      'broken JSON as a malformed response',
      { event: 'message_start', data: '{"type":"message_st' },
      'malformed_response',
    ],
    ['an unknown event as a malformed response', event('surprise'), 'malformed_response'],
    [
      'a message_start without its message as a malformed response',
      event('message_start'),
      'malformed_response',
    ],
  ])('throws on %s', (_name, bad, kind) => {
    const source = new AnthropicChunkSource(false, 'anthropic target a', 'key-1234');
    let thrown: unknown;
    try {
      source.push(bad);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UpstreamError);
    expect((thrown as UpstreamError).errorKind).toBe(kind);
  });
});
