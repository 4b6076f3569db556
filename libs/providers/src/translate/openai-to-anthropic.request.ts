import type {
  AnthropicContentBlock,
  AnthropicMessage,
  AnthropicRequest,
  AnthropicTool,
  AnthropicToolChoice,
} from '../anthropic/anthropic.types.js';
import type {
  AssistantMessage,
  ChatMessage,
  ChatRequest,
  TextPart,
  ToolMessage,
  UserContentPart,
} from '../openai/openai.types.js';
import { isClientRecord, optionalArrayAt, recordAt, stringAt, type ClientRecord } from './client-fields.js';
import { parseDataUrl } from './data-url.js';
import { TranslationError } from './translation.error.js';

/** Anthropic requires `max_tokens`; OpenAI lets the model decide. */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

interface Turn {
  readonly role: 'user' | 'assistant';
  readonly content: AnthropicContentBlock[];
}

/**
 * OpenAI chat request → Anthropic Messages request. Sampling knobs Anthropic lacks
 * (`seed`, penalties, `logit_bias`, `response_format`, …) are left out; what cannot be carried
 * without changing the meaning (`n` > 1, audio, file ids) throws a `TranslationError`.
 */
export function openAIRequestToAnthropic(request: ChatRequest): AnthropicRequest {
  if (typeof request.n === 'number' && request.n > 1)
    throw new TranslationError('n', 'Anthropic returns one choice per request');
  const system: string[] = [];
  const turns: Turn[] = [];
  request.messages.forEach((message, i) => {
    const path = `messages[${i}]`;
    if (message.role === 'system' || message.role === 'developer') {
      const text = textOf(message.content, `${path}.content`);
      if (text !== '') system.push(text);
      return;
    }
    append(turns, roleOf(message, path), blocksOf(message, path));
  });
  const requestedTools = optionalArrayAt(request.tools, 'tools', 'an array of tools');
  const tools = requestedTools.length
    ? requestedTools.map((tool, i) => toAnthropicTool(tool, `tools[${i}]`))
    : undefined;
  const toolChoice = tools === undefined ? undefined : toAnthropicToolChoice(request);
  const stop = stopSequences(request.stop);
  return {
    model: request.model,
    messages: turns.map(toMessage),
    max_tokens: maxTokens(request),
    ...(system.length > 0 ? { system: system.join('\n\n') } : {}),
    // OpenAI accepts 0–2, Anthropic 0–1: clamping keeps a fallback from OpenAI to Anthropic working.
    ...(typeof request.temperature === 'number'
      ? { temperature: Math.min(1, Math.max(0, request.temperature)) }
      : {}),
    ...(typeof request.top_p === 'number' ? { top_p: request.top_p } : {}),
    ...(typeof request['top_k'] === 'number' ? { top_k: request['top_k'] } : {}),
    ...(stop.length > 0 ? { stop_sequences: stop } : {}),
    ...(request.stream === true ? { stream: true } : {}),
    ...(tools !== undefined ? { tools } : {}),
    ...(toolChoice !== undefined ? { tool_choice: toolChoice } : {}),
    ...(typeof request.user === 'string' && request.user !== ''
      ? { metadata: { user_id: request.user } }
      : {}),
  };
}

function roleOf(message: ChatMessage, path: string): 'user' | 'assistant' {
  switch (message.role) {
    case 'user':
    case 'tool':
      return 'user';
    case 'assistant':
      return 'assistant';
    default:
      throw new TranslationError(
        `${path}.role`,
        `unsupported role '${String((message as { role: unknown }).role)}'`,
      );
  }
}

function blocksOf(message: ChatMessage, path: string): AnthropicContentBlock[] {
  switch (message.role) {
    case 'user':
      if (typeof message.content === 'string') return textBlocks(message.content);
      if (!Array.isArray(message.content))
        throw new TranslationError(`${path}.content`, 'expected a string or an array of content parts');
      return message.content.flatMap((part: unknown, j) => userPart(part, `${path}.content[${j}]`));
    case 'assistant':
      return assistantBlocks(message, path);
    case 'tool':
      return [toolResult(message, path)];
    default:
      return [];
  }
}

/** Anthropic wants alternating turns: consecutive same-role messages (tool results included) become one. */
function append(turns: Turn[], role: 'user' | 'assistant', blocks: AnthropicContentBlock[]): void {
  if (blocks.length === 0) return;
  const last = turns.at(-1);
  if (last?.role === role) last.content.push(...blocks);
  else turns.push({ role, content: blocks });
}

function toMessage(turn: Turn): AnthropicMessage {
  const [only] = turn.content;
  const plain = turn.content.length === 1 && only?.type === 'text' && Object.keys(only).length === 2;
  return { role: turn.role, content: plain ? (only as TextPart).text : turn.content };
}

function textBlocks(text: string): AnthropicContentBlock[] {
  return text === '' ? [] : [{ type: 'text', text }];
}

function textOf(content: unknown, path: string): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content))
    throw new TranslationError(path, 'expected a string or an array of text parts');
  return content
    .map((entry: unknown, j) => {
      const part = recordAt(entry, `${path}[${j}]`, 'a content part object');
      if (part.type !== 'text')
        throw new TranslationError(`${path}[${j}]`, `expected a text part, got '${String(part.type)}'`);
      return stringAt(part.text, `${path}[${j}].text`);
    })
    .join('');
}

function userPart(entry: unknown, path: string): AnthropicContentBlock[] {
  const part = recordAt(entry, path, 'a content part object') as UserContentPart & ClientRecord;
  switch (part.type) {
    case 'text':
      // Clients that know Anthropic mark cache breakpoints on OpenAI text parts; keep them.
      return stringAt(part.text, `${path}.text`) === ''
        ? []
        : [
            {
              type: 'text',
              text: part.text,
              ...(part['cache_control'] !== undefined ? { cache_control: part['cache_control'] } : {}),
            },
          ];
    case 'image_url': {
      const url = stringAt(recordAt(part.image_url, `${path}.image_url`).url, `${path}.image_url.url`);
      const inline = parseDataUrl(url);
      if (inline !== null)
        return [
          { type: 'image', source: { type: 'base64', media_type: inline.mediaType, data: inline.data } },
        ];
      if (/^https?:\/\//i.test(url)) return [{ type: 'image', source: { type: 'url', url } }];
      throw new TranslationError(`${path}.image_url.url`, 'expected a base64 data: URL or an http(s) URL');
    }
    case 'file': {
      const file = recordAt(part.file, `${path}.file`);
      const inline = typeof file.file_data === 'string' ? parseDataUrl(file.file_data) : null;
      if (inline === null)
        throw new TranslationError(
          `${path}.file`,
          'only inline file_data (a base64 data: URL) can be sent to Anthropic',
        );
      return [
        { type: 'document', source: { type: 'base64', media_type: inline.mediaType, data: inline.data } },
      ];
    }
    default:
      throw new TranslationError(
        path,
        `content part type '${String((part as { type: unknown }).type)}' is not supported by Anthropic`,
      );
  }
}

function assistantBlocks(message: AssistantMessage, path: string): AnthropicContentBlock[] {
  const blocks: AnthropicContentBlock[] = [];
  const content = message.content;
  if (typeof content === 'string') blocks.push(...textBlocks(content));
  else if (Array.isArray(content)) {
    content.forEach((entry: unknown, j) => {
      const partPath = `${path}.content[${j}]`;
      const part = recordAt(entry, partPath, 'a content part object');
      if (part.type === 'text') blocks.push(...textBlocks(stringAt(part.text, `${partPath}.text`)));
      else if (part.type === 'refusal')
        blocks.push(...textBlocks(stringAt(part.refusal, `${partPath}.refusal`)));
      else
        throw new TranslationError(
          `${path}.content[${j}]`,
          `unsupported assistant content part '${String((part as { type: unknown }).type)}'`,
        );
    });
  } else if (content !== undefined && content !== null) {
    throw new TranslationError(`${path}.content`, 'expected a string, an array of content parts or null');
  }
  optionalArrayAt(message.tool_calls, `${path}.tool_calls`, 'an array of tool calls').forEach((entry, j) => {
    const callPath = `${path}.tool_calls[${j}]`;
    const call = recordAt(entry, callPath, 'a tool call object');
    if (call.type !== 'function')
      throw new TranslationError(`${callPath}.type`, `unsupported tool call type '${String(call.type)}'`);
    const fn = recordAt(call.function, `${callPath}.function`);
    blocks.push({
      type: 'tool_use',
      id: stringAt(call.id, `${callPath}.id`),
      name: stringAt(fn.name, `${callPath}.function.name`),
      input: parseArguments(fn.arguments, `${callPath}.function.arguments`),
    });
  });
  return blocks;
}

function parseArguments(json: unknown, path: string): Record<string, unknown> {
  if (json === undefined || json === null) return {};
  if (typeof json !== 'string') throw new TranslationError(path, 'expected a JSON string');
  if (json.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new TranslationError(path, 'is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new TranslationError(path, 'must be a JSON object');
  return parsed as Record<string, unknown>;
}

function toolResult(message: ToolMessage, path: string): AnthropicContentBlock {
  const text = textOf(message.content, `${path}.content`);
  return {
    type: 'tool_result',
    tool_use_id: stringAt(message.tool_call_id, `${path}.tool_call_id`),
    ...(text === '' ? {} : { content: text }),
  };
}

function toAnthropicTool(entry: unknown, path: string): AnthropicTool {
  const tool = recordAt(entry, path, 'a tool object');
  if (tool.type !== 'function')
    throw new TranslationError(
      `${path}.type`,
      `only function tools can be sent to Anthropic, got '${String(tool.type)}'`,
    );
  const fn = recordAt(tool.function, `${path}.function`, "an object with the function's name");
  const parameters = fn.parameters ?? { type: 'object', properties: {} };
  return {
    name: stringAt(fn.name, `${path}.function.name`),
    ...(typeof fn.description === 'string' ? { description: fn.description } : {}),
    input_schema: recordAt(parameters, `${path}.function.parameters`, 'a JSON schema object'),
  };
}

/** Anthropic requires a positive integer; OpenAI's two names for it may both be absent. */
function maxTokens(request: ChatRequest): number {
  const field = request.max_completion_tokens != null ? 'max_completion_tokens' : 'max_tokens';
  const value: unknown = request[field] ?? DEFAULT_ANTHROPIC_MAX_TOKENS;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw new TranslationError(field, 'expected a positive integer');
  return value;
}

/** OpenAI's `stop`: a string, an array of strings, or nothing. */
function stopSequences(stop: unknown): string[] {
  if (stop === undefined || stop === null) return [];
  if (typeof stop === 'string') return [stop];
  return optionalArrayAt(stop, 'stop', 'a string or an array of strings').map((entry, i) =>
    stringAt(entry, `stop[${i}]`),
  );
}

function toAnthropicToolChoice(request: ChatRequest): AnthropicToolChoice | undefined {
  const serial = request.parallel_tool_calls === false ? { disable_parallel_tool_use: true } : {};
  const choice: unknown = request.tool_choice ?? undefined;
  if (choice === undefined)
    return request.parallel_tool_calls === false ? { type: 'auto', ...serial } : undefined;
  if (choice === 'none') return { type: 'none' };
  if (choice === 'auto') return { type: 'auto', ...serial };
  if (choice === 'required') return { type: 'any', ...serial };
  if (isClientRecord(choice) && choice.type === 'function') {
    const fn = recordAt(choice.function, 'tool_choice.function');
    return { type: 'tool', name: stringAt(fn.name, 'tool_choice.function.name'), ...serial };
  }
  throw new TranslationError('tool_choice', "expected 'none', 'auto', 'required' or a function choice");
}
