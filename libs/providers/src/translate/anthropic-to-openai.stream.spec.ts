import { describe, expect, it } from 'vitest';
import type { AnthropicStreamEvent } from '../anthropic/anthropic.types.js';
import type { ChatCompletionChunk, ChunkDelta, FinishReason, OpenAIUsage } from '../openai/openai.types.js';
import { AnthropicToOpenAIStream } from './anthropic-to-openai.stream.js';

const CREATED = 1_700_000_000;

const start = (input = 25): AnthropicStreamEvent => ({
  type: 'message_start',
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-x',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: input, output_tokens: 1 },
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
const stop = (index: number): AnthropicStreamEvent => ({ type: 'content_block_stop', index });
const delta = (reason: 'end_turn' | 'tool_use' | 'max_tokens', output: number): AnthropicStreamEvent => ({
  type: 'message_delta',
  delta: { stop_reason: reason, stop_sequence: null },
  usage: { output_tokens: output },
});
const end: AnthropicStreamEvent = { type: 'message_stop' };

const chunk = (d: ChunkDelta, finish: FinishReason | null = null): ChatCompletionChunk => ({
  id: 'msg_1',
  object: 'chat.completion.chunk',
  created: CREATED,
  model: 'claude-x',
  choices: [{ index: 0, delta: d, logprobs: null, finish_reason: finish }],
});
const usageChunk = (usage: OpenAIUsage): ChatCompletionChunk => ({
  id: 'msg_1',
  object: 'chat.completion.chunk',
  created: CREATED,
  model: 'claude-x',
  choices: [],
  usage,
});

function translate(
  events: readonly AnthropicStreamEvent[],
  includeUsage: boolean,
): { chunks: ChatCompletionChunk[]; stream: AnthropicToOpenAIStream } {
  const stream = new AnthropicToOpenAIStream({ includeUsage, created: CREATED });
  return { chunks: events.flatMap((e) => stream.push(e)), stream };
}

describe('AnthropicToOpenAIStream', () => {
  it.each<[string, AnthropicStreamEvent[], boolean, ChatCompletionChunk[]]>([
    [
      'streams text: role chunk first, text deltas, then the finish chunk',
      [
        start(),
        textStart(0),
        { type: 'ping' },
        text(0, 'Hel'),
        text(0, 'lo'),
        stop(0),
        delta('end_turn', 2),
        end,
      ],
      false,
      [
        chunk({ role: 'assistant', content: '' }),
        chunk({ content: 'Hel' }),
        chunk({ content: 'lo' }),
        chunk({}, 'stop'),
      ],
    ],
    [
      'appends the usage chunk when the client asked for usage',
      [start(25), textStart(0), text(0, 'Hi'), stop(0), delta('end_turn', 7), end],
      true,
      [
        chunk({ role: 'assistant', content: '' }),
        chunk({ content: 'Hi' }),
        chunk({}, 'stop'),
        usageChunk({ prompt_tokens: 25, completion_tokens: 7, total_tokens: 32 }),
      ],
    ],
    [
      'streams tool calls with an index per tool and argument fragments',
      [
        start(),
        textStart(0),
        text(0, 'Checking'),
        stop(0),
        toolStart(1, 'toolu_a', 'get_weather'),
        json(1, ''),
        json(1, '{"city":'),
        json(1, '"Paris"}'),
        stop(1),
        toolStart(2, 'toolu_b', 'now'),
        json(2, '{}'),
        stop(2),
        delta('tool_use', 30),
        end,
      ],
      false,
      [
        chunk({ role: 'assistant', content: '' }),
        chunk({ content: 'Checking' }),
        chunk({
          tool_calls: [
            { index: 0, id: 'toolu_a', type: 'function', function: { name: 'get_weather', arguments: '' } },
          ],
        }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
        chunk({
          tool_calls: [
            { index: 1, id: 'toolu_b', type: 'function', function: { name: 'now', arguments: '' } },
          ],
        }),
        chunk({ tool_calls: [{ index: 1, function: { arguments: '{}' } }] }),
        chunk({}, 'tool_calls'),
      ],
    ],
    [
      'maps max_tokens to a length finish',
      [start(), textStart(0), text(0, 'x'), stop(0), delta('max_tokens', 1), end],
      false,
      [chunk({ role: 'assistant', content: '' }), chunk({ content: 'x' }), chunk({}, 'length')],
    ],
    [
      'skips thinking blocks',
      [
        start(),
        { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'hmm' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } },
        stop(0),
        textStart(1),
        text(1, 'ok'),
        stop(1),
        delta('end_turn', 3),
        end,
      ],
      false,
      [chunk({ role: 'assistant', content: '' }), chunk({ content: 'ok' }), chunk({}, 'stop')],
    ],
  ])('%s', (_name, events, includeUsage, expected) => {
    expect(translate(events, includeUsage).chunks).toEqual(expected);
  });

  it('adds up usage from message_start and message_delta, cache counts included', () => {
    const cachedStart: AnthropicStreamEvent = {
      type: 'message_start',
      message: {
        ...(start() as { message: object }).message,
        usage: {
          input_tokens: 5,
          output_tokens: 1,
          cache_read_input_tokens: 100,
          cache_creation_input_tokens: 20,
        },
      } as never,
    };
    const { stream } = translate(
      [cachedStart, textStart(0), text(0, 'a'), stop(0), delta('end_turn', 9), end],
      false,
    );
    expect(stream.usage).toEqual({
      input_tokens: 5,
      output_tokens: 9,
      cache_read_input_tokens: 100,
      cache_creation_input_tokens: 20,
    });
    expect(stream.finishReason).toBe('stop');
    expect(stream.done).toBe(true);
  });

  it('takes input counts that message_delta reports over the ones from message_start', () => {
    const late: AnthropicStreamEvent = {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { input_tokens: 40, output_tokens: 4 },
    };
    const { stream } = translate([start(25), late, end], false);
    expect(stream.usage).toEqual({ input_tokens: 40, output_tokens: 4 });
  });

  it('is not done before message_stop', () => {
    const { stream } = translate([start(), textStart(0), text(0, 'a')], false);
    expect(stream.done).toBe(false);
  });
});
