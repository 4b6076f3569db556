import type { AnthropicContentBlock, AnthropicResponse } from '../anthropic/anthropic.types.js';
import type { ChatCompletion } from '../openai/openai.types.js';
import { finishReasonToAnthropicStop } from './stop-reason.map.js';
import { openAIUsageToAnthropic } from './usage.map.js';

/**
 * OpenAI chat completion → Anthropic message, for the gateway's `/v1/messages` ingress. Only the
 * first choice is carried (Anthropic has one); a refusal becomes text with `stop_reason: refusal`.
 */
export function openAIResponseToAnthropic(response: ChatCompletion): AnthropicResponse {
  const choice = response.choices.find((c) => c.index === 0) ?? response.choices[0];
  const message = choice?.message;
  const content: AnthropicContentBlock[] = [];
  if (typeof message?.content === 'string' && message.content !== '')
    content.push({ type: 'text', text: message.content });
  const refused = typeof message?.refusal === 'string' && message.refusal !== '';
  if (refused) content.push({ type: 'text', text: message.refusal as string });
  for (const call of message?.tool_calls ?? []) {
    content.push({
      type: 'tool_use',
      id: call.id,
      name: call.function.name,
      input: parseInput(call.function.arguments),
    });
  }
  const usage = response.usage
    ? openAIUsageToAnthropic(response.usage)
    : { input_tokens: 0, output_tokens: 0 };
  return {
    id: response.id,
    type: 'message',
    role: 'assistant',
    model: response.model,
    content,
    stop_reason: refused ? 'refusal' : finishReasonToAnthropicStop(choice?.finish_reason ?? null),
    stop_sequence: null,
    usage,
  };
}

/** Tool arguments cut short (finish_reason `length`) are not JSON; Anthropic's `input` must be an object. */
export function parseInput(json: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
