import type { Parsed } from '../faults/fault.parser.js';
import type { ToolDefinition } from '../reply/tool-call.rule.js';
import type { OpenAiProblem } from './openai.errors.js';
import { isRecord, textPieces, typeName } from '../http/request.json.js';

/** The parts of a chat completion request the simulator acts on. */
export interface ChatRequest {
  readonly model: string | null;
  /** Every text piece of every message (string contents and text parts), for input tokens. */
  readonly texts: readonly string[];
  /** Text of the final message when it is the user's; '' after a tool result, so tool loops end. */
  readonly lastUserText: string;
  readonly tools: readonly ToolDefinition[];
  readonly maxTokens: number | null;
  readonly stream: boolean;
  readonly includeUsage: boolean;
}

export type ChatParse =
  | { readonly ok: true; readonly value: ChatRequest }
  | { readonly ok: false; readonly problem: OpenAiProblem };

/** Validates like the real API (same messages, params and codes); Azure takes the model from the deployment. */
export function parseChatRequest(body: unknown, requireModel: boolean): ChatParse {
  const fail = (message: string, param: string | null, code: string | null): ChatParse => ({
    ok: false,
    problem: { message, param, code },
  });
  if (!isRecord(body))
    return fail(
      'We could not parse the JSON body of your request. The API expects a JSON object.',
      null,
      null,
    );
  const model = body['model'];
  if (model === undefined && requireModel) return fail('you must provide a model parameter', null, null);
  if (model !== undefined && typeof model !== 'string')
    return fail(invalidType('model', 'a string', model), 'model', 'invalid_type');

  const messages = body['messages'];
  if (messages === undefined)
    return fail("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  if (!Array.isArray(messages))
    return fail(invalidType('messages', 'an array of objects', messages), 'messages', 'invalid_type');
  if (messages.length === 0) {
    return fail(
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'messages',
      'empty_array',
    );
  }
  const texts: string[] = [];
  let lastUserText = '';
  for (const [i, message] of messages.entries()) {
    if (!isRecord(message))
      return fail(invalidType(`messages[${i}]`, 'an object', message), `messages[${i}]`, 'invalid_type');
    if (typeof message['role'] !== 'string')
      return fail(
        `Missing required parameter: 'messages[${i}].role'.`,
        `messages[${i}].role`,
        'missing_required_parameter',
      );
    const pieces = textPieces(message['content']);
    texts.push(...pieces);
    lastUserText = message['role'] === 'user' ? pieces.join(' ') : '';
  }

  const maxTokens = parseMaxTokens(body);
  if (!maxTokens.ok)
    return fail(
      maxTokens.errors[0]!,
      body['max_completion_tokens'] !== undefined ? 'max_completion_tokens' : 'max_tokens',
      'invalid_value',
    );
  const options = body['stream_options'];
  return {
    ok: true,
    value: {
      model: typeof model === 'string' ? model : null,
      texts,
      lastUserText,
      tools: parseTools(body['tools']),
      maxTokens: maxTokens.value,
      stream: body['stream'] === true,
      includeUsage: isRecord(options) && options['include_usage'] === true,
    },
  };
}

function parseMaxTokens(body: Record<string, unknown>): Parsed<number | null> {
  const key =
    body['max_completion_tokens'] !== undefined && body['max_completion_tokens'] !== null
      ? 'max_completion_tokens'
      : 'max_tokens';
  const value = body[key];
  if (value === undefined || value === null) return { ok: true, value: null };
  if (typeof value !== 'number' || !Number.isInteger(value))
    return { ok: false, errors: [invalidType(key, 'an integer', value)] };
  if (value < 1)
    return {
      ok: false,
      errors: [
        `Invalid '${key}': integer below minimum value. Expected a value >= 1, but got ${value} instead.`,
      ],
    };
  return { ok: true, value };
}

function parseTools(tools: unknown): readonly ToolDefinition[] {
  if (!Array.isArray(tools)) return [];
  const definitions: ToolDefinition[] = [];
  for (const tool of tools) {
    const fn = isRecord(tool) ? tool['function'] : undefined;
    if (isRecord(fn) && typeof fn['name'] === 'string')
      definitions.push({ name: fn['name'], parameters: fn['parameters'] });
  }
  return definitions;
}

function invalidType(param: string, expected: string, value: unknown): string {
  return `Invalid type for '${param}': expected ${expected}, but got ${typeName(value)} instead.`;
}
