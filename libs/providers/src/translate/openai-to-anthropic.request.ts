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
  FunctionTool,
  TextPart,
  ToolMessage,
  UserContentPart,
} from '../openai/openai.types.js';
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
  const tools = request.tools?.length
    ? request.tools.map((tool, i) => toAnthropicTool(tool, `tools[${i}]`))
    : undefined;
  const toolChoice = tools === undefined ? undefined : toAnthropicToolChoice(request);
  const stop = typeof request.stop === 'string' ? [request.stop] : request.stop;
  return {
    model: request.model,
    messages: turns.map(toMessage),
    max_tokens: request.max_completion_tokens ?? request.max_tokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS,
    ...(system.length > 0 ? { system: system.join('\n\n') } : {}),
    // OpenAI accepts 0–2, Anthropic 0–1: clamping keeps a fallback from OpenAI to Anthropic working.
    ...(typeof request.temperature === 'number'
      ? { temperature: Math.min(1, Math.max(0, request.temperature)) }
      : {}),
    ...(typeof request.top_p === 'number' ? { top_p: request.top_p } : {}),
    ...(typeof request['top_k'] === 'number' ? { top_k: request['top_k'] } : {}),
    ...(stop != null && stop.length > 0 ? { stop_sequences: [...stop] } : {}),
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
      return typeof message.content === 'string'
        ? textBlocks(message.content)
        : message.content.flatMap((part, j) => userPart(part, `${path}.content[${j}]`));
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

function textOf(content: string | readonly TextPart[], path: string): string {
  if (typeof content === 'string') return content;
  return content
    .map((part, j) => {
      if (part.type !== 'text')
        throw new TranslationError(`${path}[${j}]`, `expected a text part, got '${String(part.type)}'`);
      return part.text;
    })
    .join('');
}

function userPart(part: UserContentPart, path: string): AnthropicContentBlock[] {
  switch (part.type) {
    case 'text':
      // Clients that know Anthropic mark cache breakpoints on OpenAI text parts; keep them.
      return part.text === ''
        ? []
        : [
            {
              type: 'text',
              text: part.text,
              ...(part['cache_control'] !== undefined ? { cache_control: part['cache_control'] } : {}),
            },
          ];
    case 'image_url': {
      const url = part.image_url.url;
      const inline = parseDataUrl(url);
      if (inline !== null)
        return [
          { type: 'image', source: { type: 'base64', media_type: inline.mediaType, data: inline.data } },
        ];
      if (/^https?:\/\//i.test(url)) return [{ type: 'image', source: { type: 'url', url } }];
      throw new TranslationError(`${path}.image_url.url`, 'expected a base64 data: URL or an http(s) URL');
    }
    case 'file': {
      const inline = part.file.file_data === undefined ? null : parseDataUrl(part.file.file_data);
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
    content.forEach((part, j) => {
      if (part.type === 'text') blocks.push(...textBlocks(part.text));
      else if (part.type === 'refusal') blocks.push(...textBlocks(part.refusal));
      else
        throw new TranslationError(
          `${path}.content[${j}]`,
          `unsupported assistant content part '${String((part as { type: unknown }).type)}'`,
        );
    });
  }
  (message.tool_calls ?? []).forEach((call, j) => {
    const callPath = `${path}.tool_calls[${j}]`;
    if (call.type !== 'function')
      throw new TranslationError(`${callPath}.type`, `unsupported tool call type '${String(call.type)}'`);
    blocks.push({
      type: 'tool_use',
      id: call.id,
      name: call.function.name,
      input: parseArguments(call.function.arguments, `${callPath}.function.arguments`),
    });
  });
  return blocks;
}

function parseArguments(json: string, path: string): Record<string, unknown> {
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
    tool_use_id: message.tool_call_id,
    ...(text === '' ? {} : { content: text }),
  };
}

function toAnthropicTool(tool: FunctionTool, path: string): AnthropicTool {
  if (tool.type !== 'function')
    throw new TranslationError(
      `${path}.type`,
      `only function tools can be sent to Anthropic, got '${String(tool.type)}'`,
    );
  const fn = tool.function;
  return {
    name: fn.name,
    ...(fn.description !== undefined ? { description: fn.description } : {}),
    input_schema: fn.parameters ?? { type: 'object', properties: {} },
  };
}

function toAnthropicToolChoice(request: ChatRequest): AnthropicToolChoice | undefined {
  const serial = request.parallel_tool_calls === false ? { disable_parallel_tool_use: true } : {};
  const choice = request.tool_choice;
  if (choice === undefined)
    return request.parallel_tool_calls === false ? { type: 'auto', ...serial } : undefined;
  if (choice === 'none') return { type: 'none' };
  if (choice === 'auto') return { type: 'auto', ...serial };
  if (choice === 'required') return { type: 'any', ...serial };
  if (typeof choice === 'object' && choice.type === 'function')
    return { type: 'tool', name: choice.function.name, ...serial };
  throw new TranslationError('tool_choice', `unsupported tool_choice ${JSON.stringify(choice)}`);
}
