import { isRecord } from '../upstream/error-body.reader.js';
import type { ChatCompletion, ChatCompletionChunk, EmbeddingsResponse } from './openai.types.js';

// Structural checks of what upstreams send: just enough for kt to read it without crashing.

export function isChatCompletion(value: unknown): value is ChatCompletion {
  return (
    isRecord(value) &&
    Array.isArray(value['choices']) &&
    value['choices'].every((c) => isRecord(c) && isRecord(c['message']))
  );
}

export function isChatCompletionChunk(value: unknown): value is ChatCompletionChunk {
  return (
    isRecord(value) &&
    Array.isArray(value['choices']) &&
    value['choices'].every((c) => isRecord(c) && isRecord(c['delta']))
  );
}

export function isEmbeddingsResponse(value: unknown): value is EmbeddingsResponse {
  return isRecord(value) && Array.isArray(value['data']);
}
