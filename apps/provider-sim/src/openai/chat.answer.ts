import { randomId } from '../http/random.id.js';
import type { Answer } from '../http/vendor.dialect.js';
import { planReply } from '../reply/reply.plan.js';
import { countInputTokens } from '../reply/token.count.js';
import type { ChatRequest } from './chat.request.js';
import { chatCompletionBody, chatCompletionEvents } from './chat.response.js';

/** The reply to a validated chat request; OpenAI and Azure differ only in flavour and model name. */
export function chatAnswer(
  request: ChatRequest,
  model: string,
  flavor: 'openai' | 'azure',
  replyTokens: number,
): Answer {
  // The request carries the reply's inputs by their own names (last user text, tools, max_tokens).
  const plan = planReply({ ...request, replyTokens });
  const answer = {
    flavor,
    id: randomId('chatcmpl-', 29),
    toolCallId: randomId('call_', 24),
    created: Math.floor(Date.now() / 1000),
    model,
    inputTokens: countInputTokens(request.texts),
    plan,
  };
  return request.stream
    ? { kind: 'sse', events: chatCompletionEvents(answer, request.includeUsage) }
    : { kind: 'json', body: chatCompletionBody(answer) };
}
