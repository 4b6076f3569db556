import { isRecord, textPieces } from '../http/request.json.js';
import type { ToolDefinition } from '../reply/tool-call.rule.js';

/** The parts of a Messages API request the simulator acts on. */
export interface MessagesRequest {
  readonly model: string;
  /** The system prompt and every text of every message (tool results included), for input tokens. */
  readonly texts: readonly string[];
  /** Text blocks of the final message when it is the user's; '' after a tool result. */
  readonly lastUserText: string;
  readonly tools: readonly ToolDefinition[];
  readonly maxTokens: number;
  readonly stream: boolean;
}

export type MessagesParse =
  { readonly ok: true; readonly value: MessagesRequest } | { readonly ok: false; readonly message: string };

/** Validates with the real API's messages (`max_tokens: Field required`, …). */
export function parseMessagesRequest(body: unknown): MessagesParse {
  const fail = (message: string): MessagesParse => ({ ok: false, message });
  if (!isRecord(body)) return fail('Input should be a valid dictionary');
  const { model, max_tokens: maxTokens, messages, system } = body;
  if (model === undefined) return fail('model: Field required');
  if (typeof model !== 'string') return fail('model: Input should be a valid string');
  if (maxTokens === undefined) return fail('max_tokens: Field required');
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens))
    return fail('max_tokens: Input should be a valid integer');
  if (maxTokens < 1) return fail('max_tokens: Input should be greater than or equal to 1');
  if (messages === undefined) return fail('messages: Field required');
  if (!Array.isArray(messages)) return fail('messages: Input should be a valid list');
  if (system !== undefined && typeof system !== 'string' && !Array.isArray(system))
    return fail('system: Input should be a valid string or a list of text blocks');

  const texts = textPieces(system);
  let lastUserText = '';
  for (const [i, message] of messages.entries()) {
    if (!isRecord(message)) return fail(`messages.${i}: Input should be a valid dictionary`);
    const role = message['role'];
    if (role !== 'user' && role !== 'assistant')
      return fail(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    const content = message['content'];
    if (typeof content !== 'string' && !Array.isArray(content))
      return fail(`messages.${i}.content: Field required`);
    texts.push(...textPieces(content), ...toolResultPieces(content));
    lastUserText = role === 'user' ? textPieces(content).join(' ') : '';
  }
  return {
    ok: true,
    value: {
      model,
      texts,
      lastUserText,
      tools: parseTools(body['tools']),
      maxTokens,
      stream: body['stream'] === true,
    },
  };
}

function toolResultPieces(content: unknown): string[] {
  if (!Array.isArray(content)) return [];
  return content.flatMap((block) =>
    isRecord(block) && block['type'] === 'tool_result' ? textPieces(block['content']) : [],
  );
}

function parseTools(tools: unknown): readonly ToolDefinition[] {
  if (!Array.isArray(tools)) return [];
  return tools.flatMap((tool) =>
    isRecord(tool) && typeof tool['name'] === 'string'
      ? [{ name: tool['name'], parameters: tool['input_schema'] }]
      : [],
  );
}
