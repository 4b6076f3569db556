import { sseEvent } from '../http/sse.writer.js';
import type { ReplyPlan } from '../reply/reply.plan.js';

/** One answer to a Messages API request. */
export interface MessageAnswer {
  readonly id: string;
  readonly toolUseId: string;
  readonly model: string;
  readonly inputTokens: number;
  readonly plan: ReplyPlan;
}

/** The `message` document of a non-streamed reply. */
export function messageBody(a: MessageAnswer): string {
  const { plan } = a;
  const content =
    plan.kind === 'text'
      ? [{ type: 'text', text: plan.text }]
      : [
          {
            type: 'tool_use',
            id: a.toolUseId,
            name: plan.name,
            input: JSON.parse(plan.argumentsJson) as unknown,
          },
        ];
  return JSON.stringify({
    ...envelope(a, content, stopReason(plan)),
    usage: usage(a.inputTokens, a.plan.outputTokens),
  });
}

/**
 * The event sequence of a streamed reply, as the real API sends it: message_start, content_block_start,
 * ping, one content_block_delta per token (text_delta) or per slice of the tool input
 * (input_json_delta), content_block_stop, message_delta with stop_reason and output tokens, message_stop.
 */
export function messageEvents(a: MessageAnswer): readonly string[] {
  const { plan } = a;
  const event = (type: string, data: object): string => sseEvent(JSON.stringify({ type, ...data }), type);
  const events = [
    event('message_start', { message: { ...envelope(a, [], null), usage: usage(a.inputTokens, 1) } }),
    event('content_block_start', {
      index: 0,
      content_block:
        plan.kind === 'text'
          ? { type: 'text', text: '' }
          : { type: 'tool_use', id: a.toolUseId, name: plan.name, input: {} },
    }),
    event('ping', {}),
  ];
  if (plan.kind === 'text') {
    for (const piece of plan.pieces)
      events.push(event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } }));
  } else {
    for (let i = 0; i < plan.argumentsJson.length; i += 8) {
      events.push(
        event('content_block_delta', {
          index: 0,
          delta: { type: 'input_json_delta', partial_json: plan.argumentsJson.slice(i, i + 8) },
        }),
      );
    }
  }
  events.push(
    event('content_block_stop', { index: 0 }),
    event('message_delta', {
      delta: { stop_reason: stopReason(plan), stop_sequence: null },
      usage: { output_tokens: plan.outputTokens },
    }),
    event('message_stop', {}),
  );
  return events;
}

function envelope(a: MessageAnswer, content: readonly object[], stop: string | null): object {
  return {
    id: a.id,
    type: 'message',
    role: 'assistant',
    model: a.model,
    content,
    stop_reason: stop,
    stop_sequence: null,
  };
}

function stopReason(plan: ReplyPlan): string {
  if (plan.kind === 'tool') return 'tool_use';
  return plan.truncated ? 'max_tokens' : 'end_turn';
}

function usage(inputTokens: number, outputTokens: number): object {
  return {
    input_tokens: inputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}
