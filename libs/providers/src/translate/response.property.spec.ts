import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anthropicResponse,
  anthropicStreamEvent,
  openAIChunk,
  openAICompletion,
} from '../../../../test/support/wire.arbitraries.js';
import { AnthropicChunkSource } from '../anthropic/anthropic-chunk.source.js';
import { isAnthropicResponse } from '../anthropic/anthropic.shape.js';
import type { AnthropicStreamEvent } from '../anthropic/anthropic.types.js';
import { isChatCompletion, isChatCompletionChunk } from '../openai/openai.shape.js';
import type { ChatCompletionChunk } from '../openai/openai.types.js';
import { UpstreamError } from '../upstream/upstream.error.js';
import { anthropicResponseToOpenAI } from './anthropic-to-openai.response.js';
import { openAIResponseToAnthropic } from './openai-to-anthropic.response.js';
import { OpenAIToAnthropicStream } from './openai-to-anthropic.stream.js';

// Upstream answers pass a structural check, then a translator: whatever JSON an upstream sends,
// the result is a well-formed answer in the other vendor's shape or a typed UpstreamError.

const isCount = (n: unknown): boolean => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

function expectOpenAIChunk(chunk: ChatCompletionChunk): void {
  expect(Array.isArray(chunk.choices)).toBe(true);
  for (const choice of chunk.choices) {
    const delta = choice.delta;
    if (delta.content !== undefined) expect(typeof delta.content).toBe('string');
    for (const call of delta.tool_calls ?? []) {
      expect(typeof call.index).toBe('number');
      if (call.function?.name !== undefined) expect(typeof call.function.name).toBe('string');
      if (call.function?.arguments !== undefined) expect(typeof call.function.arguments).toBe('string');
    }
  }
  if (chunk.usage) {
    expect(isCount(chunk.usage.prompt_tokens)).toBe(true);
    expect(isCount(chunk.usage.completion_tokens)).toBe(true);
  }
}

function expectAnthropicEvent(event: AnthropicStreamEvent): void {
  JSON.stringify(event);
  if (event.type === 'content_block_delta') {
    const delta = event.delta;
    if (delta.type === 'text_delta') expect(typeof delta.text).toBe('string');
    if (delta.type === 'input_json_delta') expect(typeof delta.partial_json).toBe('string');
  }
  if (event.type === 'content_block_start' && event.content_block.type === 'tool_use') {
    expect(typeof event.content_block.id).toBe('string');
    expect(typeof event.content_block.name).toBe('string');
  }
  if (event.type === 'message_delta' && event.usage) {
    expect(isCount(event.usage.input_tokens)).toBe(true);
    expect(isCount(event.usage.output_tokens)).toBe(true);
  }
}

describe('upstream answers and streams, property-based', () => {
  it('Anthropic stream events → OpenAI chunks or a typed UpstreamError, never another throw', () => {
    fc.assert(
      fc.property(fc.array(anthropicStreamEvent, { maxLength: 12 }), fc.boolean(), (events, includeUsage) => {
        const source = new AnthropicChunkSource(includeUsage, 'anthropic', 'sk-secret');
        for (const event of events) {
          try {
            source.push({ event: 'x', data: JSON.stringify(event) ?? 'null' }).forEach(expectOpenAIChunk);
          } catch (error) {
            expect(error).toBeInstanceOf(UpstreamError);
            return;
          }
        }
        const usage = source.usage;
        // Billing's reader (token-usage.reader) judges counts on its own; here: numbers, never NaN.
        if (usage !== null) expect(usage.inputTokens >= 0 && usage.outputTokens >= 0).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('an Anthropic message that passes the shape check translates to a well-formed completion', () => {
    fc.assert(
      fc.property(anthropicResponse, (response) => {
        if (!isAnthropicResponse(response)) return;
        const completion = anthropicResponseToOpenAI(response, 0);
        const message = completion.choices[0]!.message;
        expect(message.content === null || typeof message.content === 'string').toBe(true);
        for (const call of message.tool_calls ?? []) {
          expect(typeof call.id).toBe('string');
          expect(typeof call.function.name).toBe('string');
          expect(typeof call.function.arguments).toBe('string');
        }
        expect(isCount(completion.usage?.prompt_tokens)).toBe(true);
        expect(isCount(completion.usage?.total_tokens)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('OpenAI chunks that pass the shape check → well-formed Anthropic events, never a throw', () => {
    fc.assert(
      fc.property(fc.array(openAIChunk, { maxLength: 10 }), (chunks) => {
        const stream = new OpenAIToAnthropicStream({ id: 'msg_x', model: 'm' });
        for (const chunk of chunks)
          if (isChatCompletionChunk(chunk)) stream.push(chunk).forEach(expectAnthropicEvent);
        const closing = stream.finish();
        closing.forEach(expectAnthropicEvent);
        expect(closing.at(-1)).toEqual({ type: 'message_stop' });
      }),
      { numRuns: 2000 },
    );
  });

  it('an OpenAI completion that passes the shape check → a well-formed Anthropic message', () => {
    fc.assert(
      fc.property(openAICompletion, (completion) => {
        if (!isChatCompletion(completion)) return;
        const message = openAIResponseToAnthropic(completion);
        expect(typeof message.id).toBe('string');
        expect(typeof message.model).toBe('string');
        for (const block of message.content) {
          if (block.type === 'text') expect(typeof block.text).toBe('string');
          if (block.type === 'tool_use') {
            expect(typeof block.id).toBe('string');
            expect(typeof block.name).toBe('string');
            expect(typeof block.input).toBe('object');
          }
        }
        expect(isCount(message.usage.input_tokens) && isCount(message.usage.output_tokens)).toBe(true);
        expect(message.stop_reason === null || typeof message.stop_reason === 'string').toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
