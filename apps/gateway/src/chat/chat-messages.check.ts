import { invalid, isObject, optionalString, type Fields } from '../http/request.fields.js';

const ROLES: ReadonlySet<string> = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

/**
 * The shape every message must have for kt itself to read it: the semantic router reads user text,
 * the translators map every role, part and tool call. Parts of a type kt does not know pass through.
 */
export function checkMessages(value: unknown): void {
  if (!Array.isArray(value) || value.length === 0) throw invalid('messages', 'a non-empty array of messages');
  for (let i = 0; i < value.length; i++) checkMessage(value[i], `messages[${i}]`);
}

function checkMessage(message: unknown, at: string): void {
  if (!isObject(message) || typeof message.role !== 'string')
    throw invalid(at, 'an object with a string "role"');
  if (!ROLES.has(message.role))
    throw invalid(`${at}.role`, 'one of "system", "developer", "user", "assistant", "tool", "function"');
  optionalString(message, 'name', `${at}.`);
  const content = message.content;
  switch (message.role) {
    case 'assistant':
      if (content !== undefined && content !== null) checkContent(content, `${at}.content`);
      checkToolCalls(message.tool_calls, `${at}.tool_calls`);
      return;
    case 'function':
      if (content !== null && typeof content !== 'string') throw invalid(`${at}.content`, 'a string or null');
      return;
    case 'tool':
      if (typeof message.tool_call_id !== 'string') throw invalid(`${at}.tool_call_id`, 'a string');
      checkContent(content, `${at}.content`);
      return;
    default:
      checkContent(content, `${at}.content`);
  }
}

function checkContent(content: unknown, at: string): void {
  if (typeof content === 'string') return;
  if (!Array.isArray(content)) throw invalid(at, 'a string or an array of content parts');
  for (let i = 0; i < content.length; i++) checkPart(content[i], `${at}[${i}]`);
}

function checkPart(part: unknown, at: string): void {
  if (!isObject(part) || typeof part.type !== 'string') throw invalid(at, 'an object with a string "type"');
  if (part.type === 'text' && typeof part.text !== 'string') throw invalid(`${at}.text`, 'a string');
  if (part.type === 'refusal' && typeof part.refusal !== 'string') throw invalid(`${at}.refusal`, 'a string');
  if (part.type === 'image_url') {
    const image = part.image_url;
    if (!isObject(image) || typeof image.url !== 'string')
      throw invalid(`${at}.image_url`, 'an object with a string "url"');
  }
}

function checkToolCalls(calls: unknown, at: string): void {
  if (calls === undefined || calls === null) return;
  if (!Array.isArray(calls)) throw invalid(at, 'an array of tool calls');
  for (let i = 0; i < calls.length; i++) {
    const call: unknown = calls[i];
    const path = `${at}[${i}]`;
    if (!isObject(call)) throw invalid(path, 'an object');
    if (typeof call.id !== 'string') throw invalid(`${path}.id`, 'a string');
    checkFunction(call.function, `${path}.function`, true);
  }
}

/** `{ name, arguments }` of a tool call, or `{ name, description?, parameters? }` of a tool. */
export function checkFunction(fn: unknown, at: string, isCall: boolean): void {
  if (!isObject(fn)) throw invalid(at, 'an object with a string "name"');
  if (typeof fn.name !== 'string' || fn.name.length === 0) throw invalid(`${at}.name`, 'a non-empty string');
  if (isCall) {
    if (typeof fn.arguments !== 'string') throw invalid(`${at}.arguments`, 'a string of JSON');
    return;
  }
  optionalString(fn, 'description', `${at}.`);
  const parameters: unknown = (fn as Fields).parameters;
  if (parameters !== undefined && !isObject(parameters)) throw invalid(`${at}.parameters`, 'an object');
}
