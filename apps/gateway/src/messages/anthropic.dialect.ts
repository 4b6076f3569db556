import {
  anthropicRequestToOpenAI,
  formatAnthropicSse,
  openAIResponseToAnthropic,
  OpenAIToAnthropicStream,
  TranslationError,
} from '@kt/providers';
import { checkCanonical, streamsChat, type ChatDialect } from '../chat/chat.dialect.js';
import { ANTHROPIC_ERROR_FORMAT } from '../errors/error.formats.js';
import { GatewayError } from '../errors/gateway.error.js';
import { parseMessagesRequest } from './messages-request.parser.js';

/**
 * The Anthropic Messages ingress (`POST /v1/messages`): the request is translated to the canonical
 * OpenAI shape, routed like any chat request, and the answer, stream and errors translated back.
 */
export const ANTHROPIC_DIALECT: ChatDialect = {
  endpoint: 'messages',
  parse: (body) => {
    const request = parseMessagesRequest(body);
    try {
      return checkCanonical(anthropicRequestToOpenAI(request), 'messages');
    } catch (error) {
      if (error instanceof TranslationError) {
        throw new GatewayError('invalid_request_error', error.message, { param: error.param });
      }
      throw error;
    }
  },
  streams: streamsChat,
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
  errorFormat: ANTHROPIC_ERROR_FORMAT,
};
