import { TokenTally } from './text.tokens.js';
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
 * The prompt tokens of a chat request: each message's text parts, names, tool calls' names and
 * arguments, plus the tool definitions (as their JSON, close to the schema text the model sees).
 * Images, audio and files are not text and are not counted: the estimate is a floor for them.
 */
export async function countChatInputTokens(chat: CountableChat, encoding: EncodingName): Promise<number> {
  const tally = await TokenTally.open(encoding);
  tally.addFixed(REPLY_PRIMING);
  for (const message of chat.messages) {
    tally.addFixed(TOKENS_PER_MESSAGE);
    if (!isRecord(message)) continue;
    if (typeof message['role'] === 'string') await tally.addText(message['role']);
    if (typeof message['name'] === 'string') {
      tally.addFixed(TOKENS_PER_NAME);
      await tally.addText(message['name']);
    }
    await addContent(tally, message['content']);
    if (typeof message['refusal'] === 'string') await tally.addText(message['refusal']);
    if (Array.isArray(message['tool_calls'])) {
      for (const call of message['tool_calls'])
        await addFunction(tally, isRecord(call) ? call['function'] : null);
    }
  }
  for (const tool of chat.tools ?? []) {
    if (isRecord(tool) && tool['function'] !== undefined)
      await tally.addText(JSON.stringify(tool['function']));
  }
  return tally.tokens;
}

/** What the client was sent of an answer: content, refusal and tool-call names and arguments. */
export interface DeliveredOutput {
  readonly texts: readonly string[];
}

/** The completion tokens of the text an answer delivered (all choices). */
export async function countOutputTokens(output: DeliveredOutput, encoding: EncodingName): Promise<number> {
  const tally = await TokenTally.open(encoding);
  for (const text of output.texts) await tally.addText(text);
  return tally.tokens;
}

async function addContent(tally: TokenTally, content: unknown): Promise<void> {
  if (typeof content === 'string') return tally.addText(content);
  if (!Array.isArray(content)) return;
  for (const part of content) {
    if (!isRecord(part)) continue;
    if (typeof part['text'] === 'string') await tally.addText(part['text']);
    else if (typeof part['refusal'] === 'string') await tally.addText(part['refusal']);
  }
}

async function addFunction(tally: TokenTally, fn: unknown): Promise<void> {
  if (!isRecord(fn)) return;
  if (typeof fn['name'] === 'string') await tally.addText(fn['name']);
  if (typeof fn['arguments'] === 'string') await tally.addText(fn['arguments']);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
