import { describe, expect, it } from 'vitest';
import type { AnthropicStreamEvent } from '../anthropic/anthropic.types.js';
import type { ChatCompletionChunk, ChunkDelta, FinishReason, OpenAIUsage } from '../openai/openai.types.js';
import { formatAnthropicSse, OpenAIToAnthropicStream } from './openai-to-anthropic.stream.js';

const chunk = (
  delta: ChunkDelta,
  finish: FinishReason | null = null,
  usage?: OpenAIUsage,
): ChatCompletionChunk => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gpt-x',
  choices: [{ index: 0, delta, finish_reason: finish }],
  ...(usage ? { usage } : {}),
});
const usageOnly = (usage: OpenAIUsage): ChatCompletionChunk => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gpt-x',
  choices: [],
  usage,
});

const messageStart = (id = 'chatcmpl-1', model = 'gpt-x'): AnthropicStreamEvent => ({
  type: 'message_start',
  message: {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 0, output_tokens: 0 },
  },
});
const textStart = (index: number): AnthropicStreamEvent => ({
  type: 'content_block_start',
  index,
  content_block: { type: 'text', text: '' },
});
const text = (index: number, t: string): AnthropicStreamEvent => ({
  type: 'content_block_delta',
  index,
  delta: { type: 'text_delta', text: t },
});
const toolStart = (index: number, id: string, name: string): AnthropicStreamEvent => ({
  type: 'content_block_start',
  index,
  content_block: { type: 'tool_use', id, name, input: {} },
});
const json = (index: number, partial: string): AnthropicStreamEvent => ({
  type: 'content_block_delta',
  index,
  delta: { type: 'input_json_delta', partial_json: partial },
});
const blockStop = (index: number): AnthropicStreamEvent => ({ type: 'content_block_stop', index });
const messageDelta = (
  stop: 'end_turn' | 'tool_use' | 'max_tokens',
  input: number,
  output: number,
): AnthropicStreamEvent => ({
  type: 'message_delta',
  delta: { stop_reason: stop, stop_sequence: null },
  usage: { input_tokens: input, output_tokens: output },
});
const messageStop: AnthropicStreamEvent = { type: 'message_stop' };

function translate(chunks: readonly ChatCompletionChunk[]): AnthropicStreamEvent[] {
  const stream = new OpenAIToAnthropicStream({ id: 'msg_fallback', model: 'requested-model' });
  return [...chunks.flatMap((c) => stream.push(c)), ...stream.finish()];
}

describe('OpenAIToAnthropicStream', () => {
  it.each<[string, ChatCompletionChunk[], AnthropicStreamEvent[]]>([
    [
      'streams text as one text block and closes with usage',
      [
        chunk({ role: 'assistant', content: '' }),
        chunk({ content: 'Hel' }),
        chunk({ content: 'lo' }),
        chunk({}, 'stop'),
        usageOnly({ prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 }),
      ],
      [
        messageStart(),
        textStart(0),
        text(0, 'Hel'),
        text(0, 'lo'),
        blockStop(0),
        messageDelta('end_turn', 9, 2),
        messageStop,
      ],
    ],
    [
      'reads usage from a terminal chunk that still has choices',
      [
        chunk({ content: 'a' }),
        chunk({}, 'length', { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 }),
      ],
      [
        messageStart(),
        textStart(0),
        text(0, 'a'),
        blockStop(0),
        messageDelta('max_tokens', 3, 1),
        messageStop,
      ],
    ],
    [
      'opens a tool_use block per tool call and streams its arguments',
      [
        chunk({ role: 'assistant', content: null }),
        chunk({ content: 'Let me look.' }),
        chunk({
          tool_calls: [
            { index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } },
          ],
        }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
        chunk({
          tool_calls: [
            { index: 1, id: 'call_b', type: 'function', function: { name: 'now', arguments: '{}' } },
          ],
        }),
        chunk({}, 'tool_calls'),
        usageOnly({ prompt_tokens: 20, completion_tokens: 15, total_tokens: 35 }),
      ],
      [
        messageStart(),
        textStart(0),
        text(0, 'Let me look.'),
        blockStop(0),
        toolStart(1, 'call_a', 'get_weather'),
        json(1, '{"city":'),
        json(1, '"Paris"}'),
        blockStop(1),
        toolStart(2, 'call_b', 'now'),
        json(2, '{}'),
        blockStop(2),
        messageDelta('tool_use', 20, 15),
        messageStop,
      ],
    ],
    [
      'still produces a complete message from an empty stream',
      [],
      [messageStart('msg_fallback', 'requested-model'), messageDelta('end_turn', 0, 0), messageStop],
    ],
  ])('%s', (_name, chunks, expected) => {
    expect(translate(chunks)).toEqual(expected);
  });

  it('moves cached prompt tokens to cache_read_input_tokens', () => {
    const events = translate([
      chunk({ content: 'a' }, 'stop'),
      usageOnly({
        prompt_tokens: 110,
        completion_tokens: 1,
        total_tokens: 111,
        prompt_tokens_details: { cached_tokens: 100 },
      }),
    ]);
    expect(events.find((e) => e.type === 'message_delta')).toMatchObject({
      usage: { input_tokens: 10, output_tokens: 1, cache_read_input_tokens: 100 },
    });
  });

  it('formats events as Anthropic SSE frames', () => {
    expect(formatAnthropicSse(messageStop)).toBe('event: message_stop\ndata: {"type":"message_stop"}\n\n');
  });
});
