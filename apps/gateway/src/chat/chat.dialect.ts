import { MAX_OUTPUT_TOKENS, type Endpoint } from '@kt/contracts';
import type { ChatCompletion, ChatCompletionChunk, ChatRequest, UpstreamError } from '@kt/providers';
import type { IngressParser } from '../http/route.ingress.js';
import { optionalInteger, requireModel, type Fields } from '../http/request.fields.js';
import { checkBounds, parseChatRequest } from './chat-request.parser.js';

/** How an ingress speaks: the OpenAI one as is, the Anthropic one through translation. */
export interface ChatDialect extends IngressParser<ChatRequest> {
  /** The canonical (OpenAI) request, checked; throws a GatewayError naming the field on bad input. */
  parse(body: unknown): ChatRequest;
  readonly streams: (request: ChatRequest) => boolean;
  respond(completion: ChatCompletion): unknown;
  /** Turns the canonical chunks into what this client expects on the wire. */
  streamEncoder(request: ChatRequest): StreamEncoder;
}

export interface StreamEncoder {
  chunk(chunk: ChatCompletionChunk): string;
  end(): string;
  error(error: UpstreamError): string;
}

/** Both chat dialects stream exactly when the canonical request asks to. */
export function streamsChat(chat: ChatRequest): boolean {
  return chat.stream === true;
}

export const OPENAI_DIALECT: ChatDialect = {
  endpoint: 'chat.completions',
  parse: (body) => checkCanonical(parseChatRequest(body), 'chat.completions'),
  streams: streamsChat,
  respond: (completion) => completion,
  streamEncoder: () => ({
    chunk: (chunk) => `data: ${JSON.stringify(chunk)}\n\n`,
    end: () => 'data: [DONE]\n\n',
    // An explicit error event, never a silent end: clients must not take a cut answer for a whole one.
    error: (error) =>
      `data: ${JSON.stringify({ error: { message: `upstream stream failed: ${error.errorKind}`, type: 'upstream_error', code: 'upstream_error' } })}\n\n`,
  }),
};

/**
 * The caps and bounds on the canonical request, whichever dialect produced it: the model travels in
 * the route event, and max_tokens × n sizes the budget reservation.
 */
export function checkCanonical(chat: ChatRequest, endpoint: Endpoint): ChatRequest {
  const fields = chat as unknown as Fields;
  requireModel(fields);
  // The Anthropic ingress's max_tokens arrives as max_completion_tokens: named as the client sent it.
  if (endpoint === 'messages') {
    optionalInteger({ max_tokens: fields.max_completion_tokens }, 'max_tokens', 1, MAX_OUTPUT_TOKENS);
  }
  checkBounds(fields);
  return chat;
}
