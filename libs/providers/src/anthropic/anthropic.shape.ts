import { isRecord } from '../upstream/error-body.reader.js';
import type { AnthropicResponse, AnthropicStreamEvent } from './anthropic.types.js';

// Structural checks of what Anthropic sends: every field the translators read has the type they
// expect, so a garbled answer is a typed `malformed_response`, never a TypeError or "undefined" text.

export function isAnthropicResponse(value: unknown): value is AnthropicResponse {
  return (
    isRecord(value) &&
    typeof value['id'] === 'string' &&
    typeof value['model'] === 'string' &&
    Array.isArray(value['content']) &&
    value['content'].every(isReadableBlock) &&
    isRecord(value['usage'])
  );
}

export function isAnthropicStreamEvent(value: unknown): value is AnthropicStreamEvent {
  if (!isRecord(value)) return false;
  switch (value['type']) {
    case 'message_start':
      return isAnthropicResponse({ content: [], ...(isRecord(value['message']) ? value['message'] : {}) });
    case 'content_block_start':
      return isIndex(value['index']) && isReadableBlock(value['content_block']);
    case 'content_block_delta':
      return isIndex(value['index']) && isReadableDelta(value['delta']);
    case 'content_block_stop':
      return isIndex(value['index']);
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

/** The blocks kt translates carry their fields; others (thinking, …) only need a type. */
function isReadableBlock(block: unknown): boolean {
  if (!isRecord(block) || typeof block['type'] !== 'string') return false;
  if (block['type'] === 'text') return typeof block['text'] === 'string';
  if (block['type'] === 'tool_use')
    return typeof block['id'] === 'string' && typeof block['name'] === 'string';
  return true;
}

function isReadableDelta(delta: unknown): boolean {
  if (!isRecord(delta) || typeof delta['type'] !== 'string') return false;
  if (delta['type'] === 'text_delta') return typeof delta['text'] === 'string';
  if (delta['type'] === 'input_json_delta') return typeof delta['partial_json'] === 'string';
  return true;
}

function isIndex(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
