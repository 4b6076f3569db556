import type { AnthropicStopReason } from '../anthropic/anthropic.types.js';
import type { FinishReason } from '../openai/openai.types.js';

export function anthropicStopToFinishReason(stop: AnthropicStopReason | null): FinishReason | null {
  switch (stop) {
    case 'end_turn':
    case 'stop_sequence':
    case 'pause_turn':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    case null:
      return null;
    default:
      // A stop reason newer than kt: the answer did end, and 'stop' is the closest general word.
      return 'stop';
  }
}

export function finishReasonToAnthropicStop(finish: FinishReason | null): AnthropicStopReason | null {
  switch (finish) {
    case 'stop':
      return 'end_turn';
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    case null:
      return null;
    default:
      return 'end_turn';
  }
}
