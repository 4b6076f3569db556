import type { ChatRequest, EmbeddingsRequest } from '@kt/providers';
import { GatewayError } from '../errors/gateway.error.js';

type Body = Readonly<Record<string, unknown>>;

/**
 * The few checks the gateway needs before routing; everything else in the body passes through to
 * the upstream untouched (so the upstream, not kt, judges fields kt does not know).
 */
export function parseChatRequest(body: unknown): ChatRequest {
  const object = requireObject(body);
  requireModel(object);
  const messages = object.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    throw invalid('messages', 'messages: expected a non-empty array of messages');
  }
  for (let i = 0; i < messages.length; i++) {
    const message: unknown = messages[i];
    if (typeof message !== 'object' || message === null || typeof (message as Body).role !== 'string') {
      throw invalid(`messages[${i}]`, `messages[${i}]: expected an object with a string "role"`);
    }
  }
  if (object.stream !== undefined && object.stream !== null && typeof object.stream !== 'boolean') {
    throw invalid('stream', 'stream: expected a boolean');
  }
  for (const field of ['max_tokens', 'max_completion_tokens'] as const) {
    const value = object[field];
    if (value !== undefined && value !== null && !(Number.isInteger(value) && (value as number) > 0)) {
      throw invalid(field, `${field}: expected a positive integer`);
    }
  }
  return object as unknown as ChatRequest;
}

export function parseEmbeddingsRequest(body: unknown): EmbeddingsRequest {
  const object = requireObject(body);
  requireModel(object);
  const input = object.input;
  const valid =
    typeof input === 'string' ||
    (Array.isArray(input) &&
      input.length > 0 &&
      input.every((item) => typeof item === 'string' || Array.isArray(item)));
  if (!valid)
    throw invalid('input', 'input: expected a string or a non-empty array of strings or token arrays');
  return object as unknown as EmbeddingsRequest;
}

function requireObject(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GatewayError('invalid_request_error', 'the request body must be a JSON object');
  }
  return body as Body;
}

function requireModel(object: Body): void {
  if (typeof object.model !== 'string' || object.model.length === 0) {
    throw invalid('model', 'model: expected a non-empty string naming a model group or alias');
  }
}

function invalid(param: string, message: string): GatewayError {
  return new GatewayError('invalid_request_error', message, { param });
}
