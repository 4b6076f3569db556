import type { AnthropicContentBlock, AnthropicResponse } from '../anthropic/anthropic.types.js';
import type { ChatCompletion, FinishReason, OpenAIUsage } from '../openai/openai.types.js';
import { isClientRecord as isRecord } from './client-fields.js';
import { finishReasonToAnthropicStop } from './stop-reason.map.js';
import { openAIUsageToAnthropic } from './usage.map.js';

/**
 * OpenAI chat completion → Anthropic message, for the gateway's `/v1/messages` ingress. Only the
 * first choice is carried (Anthropic has one); a refusal becomes text with `stop_reason: refusal`.
 * The completion comes from an upstream, checked only structurally (`isChatCompletion`): every
 * field is read with its type checked, and one of the wrong type is left out rather than thrown on.
 */
export function openAIResponseToAnthropic(response: ChatCompletion): AnthropicResponse {
  const choices: readonly unknown[] = Array.isArray(response.choices) ? response.choices : [];
  const first = choices.find((c) => isRecord(c) && c['index'] === 0) ?? choices[0];
  const choice = isRecord(first) ? first : {};
  const message = isRecord(choice['message']) ? choice['message'] : {};
  const content: AnthropicContentBlock[] = [];
  if (typeof message['content'] === 'string' && message['content'] !== '')
    content.push({ type: 'text', text: message['content'] });
  const refusal = message['refusal'];
  const refused = typeof refusal === 'string' && refusal !== '';
  if (refused) content.push({ type: 'text', text: refusal });
  const calls: readonly unknown[] = Array.isArray(message['tool_calls']) ? message['tool_calls'] : [];
  calls.forEach((call, i) => {
    if (!isRecord(call) || !isRecord(call['function'])) return;
    const fn = call['function'];
    content.push({
      type: 'tool_use',
      id: typeof call['id'] === 'string' ? call['id'] : `toolu_${i}`,
      name: typeof fn['name'] === 'string' ? fn['name'] : '',
      input: typeof fn['arguments'] === 'string' ? parseInput(fn['arguments']) : {},
    });
  });
  const usage = isRecord(response.usage)
    ? openAIUsageToAnthropic(response.usage as OpenAIUsage)
    : { input_tokens: 0, output_tokens: 0 };
  const finish =
    typeof choice['finish_reason'] === 'string' ? (choice['finish_reason'] as FinishReason) : null;
  return {
    id: typeof response.id === 'string' ? response.id : '',
    type: 'message',
    role: 'assistant',
    model: typeof response.model === 'string' ? response.model : '',
    content,
    stop_reason: refused ? 'refusal' : finishReasonToAnthropicStop(finish),
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
