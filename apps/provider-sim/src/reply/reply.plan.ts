import { countTokens } from './token.count.js';
import { toolCallFor, type ToolDefinition } from './tool-call.rule.js';

/** What the simulated model answers, decided from the request alone so tests can predict it. */
export type ReplyPlan = TextReply | ToolReply;

export interface TextReply {
  readonly kind: 'text';
  /** Stream pieces: `["kt.", " kt.", …]`; joined they form `text`. Each piece is exactly one token. */
  readonly pieces: readonly string[];
  readonly text: string;
  readonly outputTokens: number;
  /** True when `max_tokens` stopped the reply before its configured length. */
  readonly truncated: boolean;
}

export interface ToolReply {
  readonly kind: 'tool';
  readonly name: string;
  readonly argumentsJson: string;
  /** `countTokens(argumentsJson)`; not capped by max_tokens. */
  readonly outputTokens: number;
}

export interface ReplyInput {
  readonly lastUserText: string;
  readonly tools: readonly ToolDefinition[];
  readonly maxTokens: number | null;
  readonly replyTokens: number;
}

export const DEFAULT_REPLY_TOKENS = 20;

/**
 * Text replies are "kt." repeated: n three-byte words joined by spaces are 4n-1 bytes, so exactly
 * n tokens. Output tokens = min(max_tokens ?? replyTokens, replyTokens).
 */
export function planReply(input: ReplyInput): ReplyPlan {
  const tool = toolCallFor(input.lastUserText, input.tools);
  if (tool !== null) {
    return {
      kind: 'tool',
      name: tool.name,
      argumentsJson: tool.argumentsJson,
      outputTokens: countTokens(tool.argumentsJson),
    };
  }
  const outputTokens =
    input.maxTokens === null ? input.replyTokens : Math.min(input.maxTokens, input.replyTokens);
  const pieces = replyPieces(outputTokens);
  return {
    kind: 'text',
    pieces,
    text: pieces.join(''),
    outputTokens,
    truncated: outputTokens < input.replyTokens,
  };
}

const piecesCache = new Map<number, readonly string[]>();

function replyPieces(tokens: number): readonly string[] {
  let pieces = piecesCache.get(tokens);
  if (pieces === undefined) {
    pieces = Array.from({ length: tokens }, (_, i) => (i === 0 ? 'kt.' : ' kt.'));
    // Bounded: a handful of distinct lengths in practice; the cap stops a hostile max_tokens sweep from growing it.
    if (piecesCache.size < 1024) piecesCache.set(tokens, pieces);
  }
  return pieces;
}
