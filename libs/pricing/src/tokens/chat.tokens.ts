import { roughTokens, TokenTally } from './text.tokens.js';
import type { EncodingName } from './token.encoding.js';

/**
 * What is counted of a chat request, structurally, so any OpenAI-shaped request fits (the
 * gateway's canonical one, or a translated Anthropic one). Unknown shapes count as no text.
 */
export interface CountableChat {
  readonly messages: readonly unknown[];
  readonly tools?: readonly unknown[] | null;
}

/**
 * OpenAI's documented framing for chat models: every message costs 3 tokens around its content
 * (`<|start|>role<|message|>…<|end|>`), a `name` one more, and the reply is primed with 3.
 */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING = 3;

/**
 * Above this many UTF-8 bytes of prompt text the prompt is not tokenized but estimated at
 * bytes/4: tokenizing 1 MB takes ~0.5 s of event-loop time, and when a provider dies every
 * in-flight stream is counted at once. 64 KB tokenizes in ~30 ms.
 */
export const TOKENIZED_PROMPT_BYTES = 64 * 1024;

/**
 * The prompt tokens of a chat request: each message's text parts, names, tool calls' names and
 * arguments, plus the tool definitions (as their JSON, close to the schema text the model sees).
 * Images, audio and files are not text and are not counted: the estimate is a floor for them.
 * A prompt over `TOKENIZED_PROMPT_BYTES` is estimated by `estimateChatInputTokens` instead.
 */
export async function countChatInputTokens(chat: CountableChat, encoding: EncodingName): Promise<number> {
  const parts = promptParts(chat);
  let bytes = 0;
  for (const part of parts) if (typeof part === 'string') bytes += Buffer.byteLength(part, 'utf8');
  if (bytes > TOKENIZED_PROMPT_BYTES) return roughPromptTokens(parts);
  const tally = await TokenTally.open(encoding);
  for (const part of parts) {
    if (typeof part === 'number') tally.addFixed(part);
    else await tally.addText(part);
  }
  return tally.tokens;
}

/** The prompt's framing plus its text's UTF-8 bytes/4: no tokenizer, so it cannot fail. */
export function estimateChatInputTokens(chat: CountableChat): number {
  return roughPromptTokens(promptParts(chat));
}

/**
 * What an answer produced: each text is one whole field (one choice's content, one tool call's
 * arguments, …) joined from its pieces, since a word split across deltas is one token, not two.
 */
export interface DeliveredOutput {
  readonly texts: readonly string[];
}

/** The completion tokens of the texts an answer produced (all choices). */
export async function countOutputTokens(output: DeliveredOutput, encoding: EncodingName): Promise<number> {
  const tally = await TokenTally.open(encoding);
  for (const text of output.texts) await tally.addText(text);
  return tally.tokens;
}

/** The request as counted: fixed framing tokens (numbers) and texts to tokenize (strings). */
type PromptPart = number | string;

function roughPromptTokens(parts: readonly PromptPart[]): number {
  let fixed = 0;
  let bytes = 0;
  for (const part of parts) {
    if (typeof part === 'number') fixed += part;
    else bytes += Buffer.byteLength(part, 'utf8');
  }
  return fixed + roughTokens(bytes);
}

function promptParts(chat: CountableChat): PromptPart[] {
  const parts: PromptPart[] = [REPLY_PRIMING];
  for (const message of chat.messages) {
    parts.push(TOKENS_PER_MESSAGE);
    if (!isRecord(message)) continue;
    if (typeof message['role'] === 'string') parts.push(message['role']);
    if (typeof message['name'] === 'string') parts.push(TOKENS_PER_NAME, message['name']);
    addContent(parts, message['content']);
    if (typeof message['refusal'] === 'string') parts.push(message['refusal']);
    if (Array.isArray(message['tool_calls'])) {
      for (const call of message['tool_calls']) addFunction(parts, isRecord(call) ? call['function'] : null);
    }
  }
  for (const tool of chat.tools ?? []) {
    if (isRecord(tool) && tool['function'] !== undefined) parts.push(JSON.stringify(tool['function']));
  }
  return parts;
}

function addContent(parts: PromptPart[], content: unknown): void {
  if (typeof content === 'string') parts.push(content);
  if (!Array.isArray(content)) return;
  for (const part of content) {
    if (!isRecord(part)) continue;
    if (typeof part['text'] === 'string') parts.push(part['text']);
    else if (typeof part['refusal'] === 'string') parts.push(part['refusal']);
  }
}

function addFunction(parts: PromptPart[], fn: unknown): void {
  if (!isRecord(fn)) return;
  if (typeof fn['name'] === 'string') parts.push(fn['name']);
  if (typeof fn['arguments'] === 'string') parts.push(fn['arguments']);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
