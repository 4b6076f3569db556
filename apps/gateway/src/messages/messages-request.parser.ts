import type { AnthropicRequest } from '@kt/providers';
import { GatewayError } from '../errors/gateway.error.js';
import { checkContent, checkTextBlock } from './content-block.checks.js';
import {
  integerIn,
  invalid,
  isAbsent,
  isObject,
  optionalBoolean,
  optionalNumberIn,
  optionalString,
  requireArray,
  requireNonEmptyString,
  requireObject,
  requireString,
} from './field.checks.js';

/**
 * The largest `max_tokens` kt accepts on `/v1/messages`. No model writes a million tokens in one
 * answer; the ceiling keeps a mistyped or hostile value (1e17) from reaching budgets and vendors.
 */
export const MESSAGES_MAX_TOKENS_CEILING = 1_000_000;

/** `top_k` is a count of candidate tokens; no vocabulary is larger than this. */
const TOP_K_CEILING = 1_000_000;

/**
 * A `/v1/messages` body checked against the Messages API as far as kt reads it: every field the
 * translator touches has the type it expects, so a client mistake is a 400 naming the field's
 * path (Anthropic's error shape, see the dialect), never a TypeError deep in translation.
 */
export function parseMessagesRequest(body: unknown): AnthropicRequest {
  if (!isObject(body))
    throw new GatewayError('invalid_request_error', 'the request body must be a JSON object');
  if (typeof body.model !== 'string' || body.model === '')
    throw invalid('model', 'expected a non-empty string naming a model group or alias');
  const messages = requireArray(body.messages, 'messages', 'a non-empty array of messages');
  if (messages.length === 0) throw invalid('messages', 'expected a non-empty array of messages');
  messages.forEach((message, i) => checkMessage(message, `messages[${i}]`, i === messages.length - 1));
  integerIn(body.max_tokens, 'max_tokens', 1, MESSAGES_MAX_TOKENS_CEILING);
  checkSystem(body.system);
  checkTools(body.tools);
  checkToolChoice(body.tool_choice);
  optionalNumberIn(body.temperature, 'temperature', 0, 1);
  optionalNumberIn(body.top_p, 'top_p', 0, 1);
  if (!isAbsent(body.top_k)) integerIn(body.top_k, 'top_k', 0, TOP_K_CEILING);
  if (!isAbsent(body.stop_sequences)) {
    const stops = requireArray(body.stop_sequences, 'stop_sequences', 'an array of strings');
    stops.forEach((stop, i) => requireString(stop, `stop_sequences[${i}]`));
  }
  optionalBoolean(body.stream, 'stream');
  if (!isAbsent(body.metadata)) {
    const metadata = requireObject(body.metadata, 'metadata');
    optionalString(metadata.user_id, 'metadata.user_id');
  }
  return body as unknown as AnthropicRequest;
}

function checkMessage(value: unknown, path: string, last: boolean): void {
  const message = requireObject(value, path, 'a message object');
  if (message.role !== 'user' && message.role !== 'assistant')
    throw invalid(`${path}.role`, "expected 'user' or 'assistant'");
  checkContent(message.content, `${path}.content`);
  // As Anthropic: only a final assistant turn (a prefill the model continues) may be empty; an
  // empty turn elsewhere would translate to nothing and reach the upstream as a malformed chat.
  const empty = message.content === '' || (Array.isArray(message.content) && message.content.length === 0);
  if (empty && !(last && message.role === 'assistant'))
    throw invalid(`${path}.content`, 'expected non-empty content (only a final assistant turn may be empty)');
}

function checkSystem(value: unknown): void {
  if (isAbsent(value) || typeof value === 'string') return;
  const blocks = requireArray(value, 'system', 'a string or an array of text blocks');
  blocks.forEach((block, i) => checkTextBlock(block, `system[${i}]`));
}

function checkTools(value: unknown): void {
  if (isAbsent(value)) return;
  const tools = requireArray(value, 'tools', 'an array of tools');
  tools.forEach((entry, i) => {
    const path = `tools[${i}]`;
    const tool = requireObject(entry, path, 'a tool object');
    // Server tools (`web_search_…`, …) have their own fields; the translator refuses them by type.
    if (!isAbsent(tool.type) && requireString(tool.type, `${path}.type`) !== 'custom') return;
    requireNonEmptyString(tool.name, `${path}.name`);
    optionalString(tool.description, `${path}.description`);
    requireObject(tool.input_schema, `${path}.input_schema`, 'a JSON schema object');
  });
}

function checkToolChoice(value: unknown): void {
  if (isAbsent(value)) return;
  const choice = requireObject(value, 'tool_choice');
  const type = choice.type;
  if (type !== 'auto' && type !== 'any' && type !== 'tool' && type !== 'none')
    throw invalid('tool_choice.type', "expected 'auto', 'any', 'tool' or 'none'");
  if (type === 'tool') requireNonEmptyString(choice.name, 'tool_choice.name');
  optionalBoolean(choice.disable_parallel_tool_use, 'tool_choice.disable_parallel_tool_use');
}
