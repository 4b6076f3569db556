import type { AnthropicStreamEvent, AnthropicUsage } from '../anthropic/anthropic.types.js';
import type { ChatCompletionChunk, ChunkDelta, FinishReason } from '../openai/openai.types.js';
import { nowSeconds } from './anthropic-to-openai.response.js';
import { anthropicStopToFinishReason } from './stop-reason.map.js';
import { ThinkingText } from './thinking.text.js';
import { anthropicUsageToOpenAI } from './usage.map.js';

export interface AnthropicStreamOptions {
  /** Emit OpenAI's final usage-only chunk (the client sent `stream_options.include_usage`). */
  readonly includeUsage: boolean;
  readonly created?: number;
}

/**
 * Anthropic stream events → OpenAI `chat.completion.chunk`s, one event at a time: a role chunk
 * first, text deltas, tool_call deltas (one OpenAI index per tool_use block, arguments from
 * `input_json_delta`), a finish chunk, then the usage chunk when asked. Usage adds up
 * `message_start` (input) and `message_delta` (cumulative output).
 */
export class AnthropicToOpenAIStream {
  private id = '';
  private modelName = '';
  private readonly created: number;
  private readonly toolIndexByBlock = new Map<number, number>();
  private accumulated: AnthropicUsage | null = null;
  private finish: FinishReason | null = null;
  private stopped = false;
  /** `thinking_delta` text: not translated (OpenAI chunks have no field for it), but billed output. */
  readonly thinking = new ThinkingText();

  constructor(private readonly options: AnthropicStreamOptions) {
    this.created = options.created ?? nowSeconds();
  }

  /** True once `message_stop` arrived: the stream ended properly. */
  get done(): boolean {
    return this.stopped;
  }

  get usage(): AnthropicUsage | null {
    return this.accumulated;
  }

  get finishReason(): FinishReason | null {
    return this.finish;
  }

  /** The upstream model, once `message_start` named it. */
  get model(): string | null {
    return this.modelName === '' ? null : this.modelName;
  }

  push(event: AnthropicStreamEvent): ChatCompletionChunk[] {
    switch (event.type) {
      case 'message_start':
        this.id = event.message.id;
        this.modelName = event.message.model;
        this.accumulated = { ...event.message.usage };
        return [this.chunk({ role: 'assistant', content: '' })];
      case 'content_block_start': {
        const block = event.content_block;
        if (block.type === 'text') return block.text === '' ? [] : [this.chunk({ content: block.text })];
        if (block.type !== 'tool_use') return [];
        const index = this.toolIndexByBlock.size;
        this.toolIndexByBlock.set(event.index, index);
        return [
          this.chunk({
            tool_calls: [
              { index, id: block.id, type: 'function', function: { name: block.name, arguments: '' } },
            ],
          }),
        ];
      }
      case 'content_block_delta': {
        const delta = event.delta;
        if (delta.type === 'text_delta')
          return delta.text === '' ? [] : [this.chunk({ content: delta.text })];
        if (delta.type === 'thinking_delta') {
          if (typeof delta.thinking === 'string') this.thinking.append(delta.thinking);
          return [];
        }
        const index = this.toolIndexByBlock.get(event.index);
        if (delta.type !== 'input_json_delta' || index === undefined || delta.partial_json === '') return [];
        return [this.chunk({ tool_calls: [{ index, function: { arguments: delta.partial_json } }] })];
      }
      case 'message_delta':
        this.mergeUsage(event.usage);
        this.finish = anthropicStopToFinishReason(event.delta.stop_reason);
        return [this.chunk({}, this.finish)];
      case 'message_stop':
        this.stopped = true;
        return this.options.includeUsage && this.accumulated !== null
          ? [{ ...this.chunk({}), choices: [], usage: anthropicUsageToOpenAI(this.accumulated) }]
          : [];
      default:
        return [];
    }
  }

  /** `message_delta` counts are cumulative; input counts appear there too on newer API versions. */
  private mergeUsage(delta: Partial<AnthropicUsage> | undefined): void {
    if (delta === undefined) return;
    const base = this.accumulated ?? { input_tokens: 0, output_tokens: 0 };
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(delta)) if (typeof value === 'number') merged[key] = value;
    this.accumulated = merged as unknown as AnthropicUsage;
  }

  private chunk(delta: ChunkDelta, finish: FinishReason | null = null): ChatCompletionChunk {
    return {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.modelName,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    };
  }
}
