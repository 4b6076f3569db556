import type { AnthropicResponse } from '../anthropic/anthropic.types.js';
import type { ChatCompletion, ToolCall } from '../openai/openai.types.js';
import { anthropicStopToFinishReason } from './stop-reason.map.js';
import { anthropicUsageToOpenAI } from './usage.map.js';

/**
 * Anthropic message → OpenAI chat completion: text blocks form the content, tool_use blocks the
 * tool_calls (arguments as a JSON string); thinking blocks have no OpenAI counterpart and are left out.
 * `created` is the Unix time in seconds (Anthropic does not send one).
 */
export function anthropicResponseToOpenAI(
  response: AnthropicResponse,
  created: number = nowSeconds(),
): ChatCompletion {
  let text: string | null = null;
  const toolCalls: ToolCall[] = [];
  for (const block of response.content) {
    if (block.type === 'text') text = (text ?? '') + block.text;
    else if (block.type === 'tool_use') {
      toolCalls.push({
        id: block.id,
        type: 'function',
        function: { name: block.name, arguments: argumentsJson(block.input) },
      });
    }
  }
  return {
    id: response.id,
    object: 'chat.completion',
    created,
    model: response.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          refusal: null,
        },
        finish_reason: anthropicStopToFinishReason(response.stop_reason),
        logprobs: null,
      },
    ],
    usage: anthropicUsageToOpenAI(response.usage),
  };
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Tool input as OpenAI's argument string; one too deeply nested to serialise reads as no arguments. */
function argumentsJson(input: unknown): string {
  try {
    return JSON.stringify(input ?? {});
  } catch {
    return '{}';
  }
}
