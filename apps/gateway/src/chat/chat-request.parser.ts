import { MAX_CHOICES, MAX_OUTPUT_TOKENS } from '@kt/contracts';
import type { ChatRequest } from '@kt/providers';
import {
  invalid,
  optionalBoolean,
  optionalInteger,
  optionalNumber,
  optionalObject,
  optionalString,
  requireBody,
  requireModel,
  type Fields,
} from '../http/request.fields.js';
import { checkMessages } from './chat-messages.check.js';
import { checkTools } from './chat-tools.check.js';

/**
 * Checks what kt reads of a chat request (model, messages, tools, the fields that size a budget
 * reservation) and the type of every common OpenAI field, so a client mistake is a 400 naming the
 * field, never a TypeError deeper in. Fields kt does not know pass through untouched, for the
 * upstream to judge.
 */
export function parseChatRequest(body: unknown): ChatRequest {
  const object = requireBody(body);
  requireModel(object);
  checkMessages(object.messages);
  checkBounds(object);
  optionalBoolean(object, 'stream');
  optionalObject(object, 'stream_options');
  optionalNumber(object, 'temperature', 0, 2);
  optionalNumber(object, 'top_p', 0, 1);
  optionalNumber(object, 'presence_penalty', -2, 2);
  optionalNumber(object, 'frequency_penalty', -2, 2);
  optionalInteger(object, 'seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  optionalInteger(object, 'top_logprobs', 0, 20);
  optionalBoolean(object, 'logprobs');
  optionalBoolean(object, 'parallel_tool_calls');
  optionalString(object, 'user');
  optionalObject(object, 'response_format');
  optionalObject(object, 'logit_bias');
  optionalObject(object, 'metadata');
  checkStop(object.stop);
  checkTools(object.tools, object.tool_choice);
  return object as unknown as ChatRequest;
}

/**
 * `max_tokens`, `max_completion_tokens` and `n` size the budget reservation (tokens × choices ×
 * price): bounded here so that product stays finite and far inside the ledger's amounts. Applied to
 * every dialect's canonical request, the Anthropic one included.
 */
export function checkBounds(object: Fields): void {
  optionalInteger(object, 'max_tokens', 1, MAX_OUTPUT_TOKENS);
  optionalInteger(object, 'max_completion_tokens', 1, MAX_OUTPUT_TOKENS);
  optionalInteger(object, 'n', 1, MAX_CHOICES);
}

function checkStop(stop: unknown): void {
  if (stop === undefined || stop === null || typeof stop === 'string') return;
  if (!Array.isArray(stop) || !stop.every((item) => typeof item === 'string'))
    throw invalid('stop', 'a string or an array of strings');
}
