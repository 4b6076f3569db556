import { isRecord } from '../upstream/error-body.reader.js';
import type { AnthropicResponse, AnthropicStreamEvent } from './anthropic.types.js';

// Structural checks of what Anthropic sends: just enough for the translators to read it safely.

export function isAnthropicResponse(value: unknown): value is AnthropicResponse {
  return (
    isRecord(value) &&
    typeof value['id'] === 'string' &&
    typeof value['model'] === 'string' &&
    Array.isArray(value['content']) &&
    value['content'].every((block) => isRecord(block) && typeof block['type'] === 'string') &&
    isRecord(value['usage'])
  );
}

export function isAnthropicStreamEvent(value: unknown): value is AnthropicStreamEvent {
  if (!isRecord(value)) return false;
  switch (value['type']) {
    case 'message_start':
      return isAnthropicResponse({ content: [], ...(isRecord(value['message']) ? value['message'] : {}) });
    case 'content_block_start':
      return (
        typeof value['index'] === 'number' &&
        isRecord(value['content_block']) &&
        typeof value['content_block']['type'] === 'string'
      );
    case 'content_block_delta':
      return (
        typeof value['index'] === 'number' &&
        isRecord(value['delta']) &&
        typeof value['delta']['type'] === 'string'
      );
    case 'content_block_stop':
      return typeof value['index'] === 'number';
    case 'message_delta':
      return isRecord(value['delta']) && (value['usage'] === undefined || isRecord(value['usage']));
    case 'error':
      return isRecord(value['error']) && typeof value['error']['message'] === 'string';
    case 'message_stop':
    case 'ping':
      return true;
    default:
      return false;
  }
}
