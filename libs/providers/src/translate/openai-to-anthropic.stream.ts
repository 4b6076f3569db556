import type { AnthropicStopReason, AnthropicStreamEvent } from '../anthropic/anthropic.types.js';
import type {
  ChatCompletionChunk,
  FinishReason,
  OpenAIUsage,
  ToolCallDelta,
} from '../openai/openai.types.js';
import { isClientRecord as isRecord } from './client-fields.js';
import { finishReasonToAnthropicStop } from './stop-reason.map.js';
import { openAIUsageToAnthropic } from './usage.map.js';

export interface OpenAIChunkStreamOptions {
  /** Used when the stream ends before any chunk named them. */
  readonly id: string;
  readonly model: string;
}

type OpenBlock = { readonly kind: 'text' } | { readonly kind: 'tool'; readonly toolIndex: number } | null;

/**
 * OpenAI chunks → Anthropic stream events, for the gateway's `/v1/messages` ingress:
 * `message_start`, then `content_block_start` / `content_block_delta` / `content_block_stop`
 * per text run or tool call, and from `finish()` the `message_delta` (stop reason, usage) and
 * `message_stop`. OpenAI reports usage last, so `message_start` carries what is known then.
 */
export class OpenAIToAnthropicStream {
  private started = false;
  private blockIndex = -1;
  private open: OpenBlock = null;
  private stopReason: AnthropicStopReason | null = null;
  private usage: OpenAIUsage | null = null;
  private id: string;
  private model: string;

  constructor(options: OpenAIChunkStreamOptions) {
    this.id = options.id;
    this.model = options.model;
  }

  /**
   * Chunks come from upstreams, checked only structurally (`isChatCompletionChunk`): every field is
   * read with its type checked, and one of the wrong type is skipped rather than thrown on.
   */
  push(chunk: ChatCompletionChunk): AnthropicStreamEvent[] {
    const events: AnthropicStreamEvent[] = [];
    if (isRecord(chunk.usage)) this.usage = chunk.usage;
    if (!this.started) {
      if (typeof chunk.id === 'string' && chunk.id !== '') this.id = chunk.id;
      if (typeof chunk.model === 'string' && chunk.model !== '') this.model = chunk.model;
      events.push(this.messageStart());
    }
    const choices: readonly unknown[] = Array.isArray(chunk.choices) ? chunk.choices : [];
    const choice = choices.find((c): c is Record<string, unknown> => isRecord(c) && c['index'] === 0);
    if (choice === undefined || !isRecord(choice['delta'])) return events;
    const delta = choice['delta'];
    const text = stringOr(delta['content']) + stringOr(delta['refusal']);
    if (text !== '') {
      if (this.open?.kind !== 'text') this.openBlock(events, { kind: 'text' }, { type: 'text', text: '' });
      events.push({
        type: 'content_block_delta',
        index: this.blockIndex,
        delta: { type: 'text_delta', text },
      });
    }
    const calls: readonly unknown[] = Array.isArray(delta['tool_calls']) ? delta['tool_calls'] : [];
    for (const call of calls) if (isToolCallDelta(call)) this.toolDelta(events, call);
    if (typeof choice['finish_reason'] === 'string')
      this.stopReason = finishReasonToAnthropicStop(choice['finish_reason'] as FinishReason);
    return events;
  }

  /** The closing events; call once the upstream stream ended properly. */
  finish(): AnthropicStreamEvent[] {
    const events: AnthropicStreamEvent[] = this.started ? [] : [this.messageStart()];
    this.closeBlock(events);
    const usage = this.usage ? openAIUsageToAnthropic(this.usage) : { input_tokens: 0, output_tokens: 0 };
    events.push({
      type: 'message_delta',
      delta: { stop_reason: this.stopReason ?? 'end_turn', stop_sequence: null },
      usage,
    });
    events.push({ type: 'message_stop' });
    return events;
  }

  private toolDelta(events: AnthropicStreamEvent[], call: ToolCallDelta): void {
    const sameTool = this.open?.kind === 'tool' && this.open.toolIndex === call.index;
    const fn = isRecord(call.function) ? call.function : {};
    if (!sameTool) {
      const name = stringOr(fn.name);
      this.openBlock(
        events,
        { kind: 'tool', toolIndex: call.index },
        {
          type: 'tool_use',
          id: typeof call.id === 'string' ? call.id : `toolu_${call.index}`,
          name,
          input: {},
        },
      );
    }
    const fragment = stringOr(fn.arguments);
    if (fragment !== '')
      events.push({
        type: 'content_block_delta',
        index: this.blockIndex,
        delta: { type: 'input_json_delta', partial_json: fragment },
      });
  }

  private messageStart(): AnthropicStreamEvent {
    this.started = true;
    const usage = this.usage ? openAIUsageToAnthropic(this.usage) : { input_tokens: 0, output_tokens: 0 };
    return {
      type: 'message_start',
      message: {
        id: this.id,
        type: 'message',
        role: 'assistant',
        model: this.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage, output_tokens: 0 },
      },
    };
  }

  private openBlock(
    events: AnthropicStreamEvent[],
    block: Exclude<OpenBlock, null>,
    content: Extract<AnthropicStreamEvent, { type: 'content_block_start' }>['content_block'],
  ): void {
    this.closeBlock(events);
    this.blockIndex++;
    this.open = block;
    events.push({ type: 'content_block_start', index: this.blockIndex, content_block: content });
  }

  private closeBlock(events: AnthropicStreamEvent[]): void {
    if (this.open === null) return;
    events.push({ type: 'content_block_stop', index: this.blockIndex });
    this.open = null;
  }
}

/** One Anthropic SSE frame, as Anthropic's own API writes it. */
export function formatAnthropicSse(event: AnthropicStreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

function stringOr(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A tool call fragment needs its index to be placed; one without is dropped. */
function isToolCallDelta(value: unknown): value is ToolCallDelta {
  return isRecord(value) && typeof value['index'] === 'number' && Number.isSafeInteger(value['index']);
}
