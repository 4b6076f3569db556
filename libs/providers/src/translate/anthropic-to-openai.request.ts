import type {
  AnthropicContentBlock,
  AnthropicMessage,
  AnthropicRequest,
  AnthropicTool,
  AnthropicToolChoice,
  AnthropicToolResultBlock,
} from '../anthropic/anthropic.types.js';
import type {
  ChatMessage,
  ChatRequest,
  FunctionTool,
  TextPart,
  ToolCall,
  ToolChoice,
  UserContentPart,
} from '../openai/openai.types.js';
import { toDataUrl } from './data-url.js';
import { TranslationError } from './translation.error.js';

/**
 * Anthropic Messages request → OpenAI chat request, for the gateway's `/v1/messages` ingress.
 * Tool results become `tool` messages placed right after the assistant turn that called them;
 * streams ask for usage so the closing `message_delta` can report it. Thinking blocks and
 * `top_k` have no OpenAI counterpart and are left out.
 */
export function anthropicRequestToOpenAI(request: AnthropicRequest): ChatRequest {
  const messages: ChatMessage[] = [];
  const system = systemText(request.system);
  if (system !== null) messages.push({ role: 'system', content: system });
  request.messages.forEach((message, i) => messages.push(...toOpenAIMessages(message, `messages[${i}]`)));
  const tools = request.tools?.map((tool, i) => toFunctionTool(tool, `tools[${i}]`));
  const choice = request.tool_choice ?? undefined;
  return {
    model: request.model,
    messages,
    max_completion_tokens: request.max_tokens,
    ...(typeof request.temperature === 'number' ? { temperature: request.temperature } : {}),
    ...(typeof request.top_p === 'number' ? { top_p: request.top_p } : {}),
    ...(request.stop_sequences?.length ? { stop: [...request.stop_sequences] } : {}),
    ...(request.stream === true ? { stream: true, stream_options: { include_usage: true } } : {}),
    ...(tools?.length ? { tools } : {}),
    ...(choice !== undefined && tools?.length ? { tool_choice: toToolChoice(choice) } : {}),
    ...(choice !== undefined && choice.type !== 'none' && choice.disable_parallel_tool_use === true
      ? { parallel_tool_calls: false }
      : {}),
    ...(typeof request.metadata?.user_id === 'string' ? { user: request.metadata.user_id } : {}),
  };
}

function systemText(system: AnthropicRequest['system'] | null): string | null {
  if (system == null) return null;
  const text = typeof system === 'string' ? system : system.map((block) => block.text).join('\n');
  return text === '' ? null : text;
}

function toOpenAIMessages(message: AnthropicMessage, path: string): ChatMessage[] {
  if (message.role === 'assistant') return [assistantMessage(message.content, path)];
  if (message.role !== 'user')
    throw new TranslationError(`${path}.role`, `unsupported role '${String(message.role)}'`);
  if (typeof message.content === 'string') return [{ role: 'user', content: message.content }];
  // OpenAI wants tool results right after the assistant's tool calls, before any new user text.
  const toolMessages: ChatMessage[] = [];
  const parts: UserContentPart[] = [];
  message.content.forEach((block, j) => {
    const blockPath = `${path}.content[${j}]`;
    if (block.type === 'tool_result')
      toolMessages.push({
        role: 'tool',
        tool_call_id: block.tool_use_id,
        content: toolResultText(block, blockPath),
      });
    else parts.push(...userParts(block, blockPath));
  });
  if (parts.length === 0) return toolMessages;
  const [only] = parts;
  const content = parts.length === 1 && only?.type === 'text' ? only.text : parts;
  return [...toolMessages, { role: 'user', content }];
}

function userParts(block: AnthropicContentBlock, path: string): UserContentPart[] {
  switch (block.type) {
    case 'text':
      return [{ type: 'text', text: block.text }];
    case 'image':
      if (block.source.type === 'base64')
        return [
          { type: 'image_url', image_url: { url: toDataUrl(block.source.media_type, block.source.data) } },
        ];
      if (block.source.type === 'url') return [{ type: 'image_url', image_url: { url: block.source.url } }];
      throw new TranslationError(`${path}.source`, `unsupported image source '${block.source.type}'`);
    case 'document':
      if (block.source.type === 'base64') {
        const filename = typeof block.title === 'string' ? block.title : 'document.pdf';
        return [
          {
            type: 'file',
            file: { file_data: toDataUrl(block.source.media_type, block.source.data), filename },
          },
        ];
      }
      if (block.source.type === 'text') return [{ type: 'text', text: block.source.data }];
      throw new TranslationError(
        `${path}.source`,
        'only base64 and text documents can be sent to an OpenAI model',
      );
    case 'thinking':
    case 'redacted_thinking':
      return [];
    default:
      throw new TranslationError(
        path,
        `content block type '${String(block.type)}' is not allowed in a user turn`,
      );
  }
}

function toolResultText(block: AnthropicToolResultBlock, path: string): string | TextPart[] {
  const content = block.content;
  if (content == null) return '';
  if (typeof content === 'string') return content;
  return content.map((part, k) => {
    if (part.type !== 'text')
      throw new TranslationError(`${path}.content[${k}]`, 'OpenAI tool messages carry text only');
    return { type: 'text', text: part.text };
  });
}

function assistantMessage(content: AnthropicMessage['content'], path: string): ChatMessage {
  if (typeof content === 'string') return { role: 'assistant', content };
  let text: string | null = null;
  const toolCalls: ToolCall[] = [];
  content.forEach((block, j) => {
    if (block.type === 'text') text = (text ?? '') + block.text;
    else if (block.type === 'tool_use')
      toolCalls.push({
        id: block.id,
        type: 'function',
        function: { name: block.name, arguments: inputJson(block.input, `${path}.content[${j}].input`) },
      });
    else if (block.type !== 'thinking' && block.type !== 'redacted_thinking') {
      throw new TranslationError(
        `${path}.content[${j}]`,
        `content block type '${String(block.type)}' is not allowed in an assistant turn`,
      );
    }
  });
  return { role: 'assistant', content: text, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) };
}

function toFunctionTool(tool: AnthropicTool, path: string): FunctionTool {
  if (tool['type'] != null && tool['type'] !== 'custom') {
    throw new TranslationError(
      `${path}.type`,
      `server tool '${String(tool['type'])}' cannot run on an OpenAI model`,
    );
  }
  return {
    type: 'function',
    function: {
      name: tool.name,
      ...(typeof tool.description === 'string' ? { description: tool.description } : {}),
      parameters: tool.input_schema,
    },
  };
}

function toToolChoice(choice: AnthropicToolChoice): ToolChoice {
  switch (choice.type) {
    case 'auto':
      return 'auto';
    case 'any':
      return 'required';
    case 'none':
      return 'none';
    case 'tool':
      return { type: 'function', function: { name: choice.name } };
  }
}

/** Tool input as OpenAI's argument string; an input too deeply nested to serialise is the client's. */
function inputJson(input: unknown, path: string): string {
  try {
    return JSON.stringify(input ?? {});
  } catch {
    throw new TranslationError(path, 'cannot be serialised as JSON');
  }
}
