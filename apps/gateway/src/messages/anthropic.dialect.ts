import {
  anthropicRequestToOpenAI,
  formatAnthropicSse,
  openAIErrorToAnthropic,
  openAIResponseToAnthropic,
  OpenAIToAnthropicStream,
  TranslationError,
  type AnthropicRequest,
  type OpenAIErrorBody,
} from '@kt/providers';
import type { ChatDialect } from '../chat/chat.handler.js';
import { GatewayError } from '../errors/gateway.error.js';

/**
 * The Anthropic Messages ingress (`POST /v1/messages`): the request is translated to the canonical
 * OpenAI shape, routed like any chat request, and the answer, stream and errors translated back.
 */
export const ANTHROPIC_DIALECT: ChatDialect = {
  endpoint: 'messages',
  parse: (body) => {
    const request = requireMessagesRequest(body);
    try {
      return anthropicRequestToOpenAI(request);
    } catch (error) {
      if (error instanceof TranslationError) {
        throw new GatewayError('invalid_request_error', error.message, { param: error.param });
      }
      throw error;
    }
  },
  respond: (completion) => openAIResponseToAnthropic(completion),
  streamEncoder: (request) => {
    const translator = new OpenAIToAnthropicStream({
      id: `msg_${Date.now().toString(36)}`,
      model: request.model,
    });
    return {
      chunk: (chunk) => translator.push(chunk).map(formatAnthropicSse).join(''),
      end: () => translator.finish().map(formatAnthropicSse).join(''),
      error: (error) =>
        `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'api_error', message: `upstream stream failed: ${error.errorKind}` } })}\n\n`,
    };
  },
  errorFormat: (error) => openAIErrorToAnthropic(error.status, error.toBody() as unknown as OpenAIErrorBody),
};

function requireMessagesRequest(body: unknown): AnthropicRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GatewayError('invalid_request_error', 'the request body must be a JSON object');
  }
  const object = body as Record<string, unknown>;
  if (typeof object.model !== 'string' || object.model.length === 0) {
    throw new GatewayError(
      'invalid_request_error',
      'model: expected a non-empty string naming a model group or alias',
      { param: 'model' },
    );
  }
  if (!Array.isArray(object.messages) || object.messages.length === 0) {
    throw new GatewayError('invalid_request_error', 'messages: expected a non-empty array of messages', {
      param: 'messages',
    });
  }
  if (!Number.isInteger(object.max_tokens) || (object.max_tokens as number) < 1) {
    throw new GatewayError('invalid_request_error', 'max_tokens: expected a positive integer', {
      param: 'max_tokens',
    });
  }
  return object as unknown as AnthropicRequest;
}
