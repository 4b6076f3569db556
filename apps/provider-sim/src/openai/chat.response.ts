import { sseEvent } from '../http/sse.writer.js';
import type { ReplyPlan, ToolReply } from '../reply/reply.plan.js';

/** One answer to a chat completion request, in OpenAI's or Azure OpenAI's flavour. */
export interface ChatAnswer {
  readonly flavor: 'openai' | 'azure';
  readonly id: string;
  readonly toolCallId: string;
  /** Unix seconds. */
  readonly created: number;
  readonly model: string;
  readonly inputTokens: number;
  readonly plan: ReplyPlan;
}

export const SYSTEM_FINGERPRINT = 'fp_5e1c2f7b9a';

const SAFE = { filtered: false, severity: 'safe' } as const;
const CONTENT_FILTER_RESULTS = { hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE } as const;
const PROMPT_FILTER_RESULTS = [{ prompt_index: 0, content_filter_results: CONTENT_FILTER_RESULTS }] as const;

/** The `chat.completion` document of a non-streamed reply. */
export function chatCompletionBody(a: ChatAnswer): string {
  const { plan } = a;
  const message =
    plan.kind === 'text'
      ? { role: 'assistant', content: plan.text, refusal: null, annotations: [] }
      : {
          role: 'assistant',
          content: null,
          tool_calls: [toolCall(a.toolCallId, plan)],
          refusal: null,
          annotations: [],
        };
  const choice = { index: 0, message, logprobs: null, finish_reason: finishReason(plan) };
  const base = { id: a.id, object: 'chat.completion', created: a.created, model: a.model };
  const usage = chatUsage(a);
  return JSON.stringify(
    a.flavor === 'azure'
      ? {
          ...base,
          choices: [{ ...choice, content_filter_results: CONTENT_FILTER_RESULTS }],
          prompt_filter_results: PROMPT_FILTER_RESULTS,
          usage,
          system_fingerprint: SYSTEM_FINGERPRINT,
        }
      : {
          ...base,
          choices: [choice],
          usage,
          service_tier: 'default',
          system_fingerprint: SYSTEM_FINGERPRINT,
        },
  );
}

/**
 * The SSE events of a streamed reply: a role chunk, one chunk per token (or per slice of the tool
 * arguments), a finish chunk, the usage chunk with empty `choices` when asked for, then `[DONE]`.
 * Azure starts with its prompt-filter chunk (empty `choices`, empty `id` and `model`), as it really does.
 */
export function chatCompletionEvents(a: ChatAnswer, includeUsage: boolean): readonly string[] {
  const { plan } = a;
  const head =
    a.flavor === 'azure'
      ? {
          id: a.id,
          object: 'chat.completion.chunk',
          created: a.created,
          model: a.model,
          system_fingerprint: SYSTEM_FINGERPRINT,
        }
      : {
          id: a.id,
          object: 'chat.completion.chunk',
          created: a.created,
          model: a.model,
          service_tier: 'default',
          system_fingerprint: SYSTEM_FINGERPRINT,
        };
  const extra = a.flavor === 'azure' ? { content_filter_results: {} } : {};
  const usageField = includeUsage ? { usage: null } : {};
  const chunk = (delta: object, finish: string | null = null): string =>
    sseEvent(
      JSON.stringify({
        ...head,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish, ...extra }],
        ...usageField,
      }),
    );

  const events: string[] = [];
  if (a.flavor === 'azure') {
    events.push(
      sseEvent(
        JSON.stringify({
          choices: [],
          created: 0,
          id: '',
          model: '',
          object: '',
          prompt_filter_results: PROMPT_FILTER_RESULTS,
        }),
      ),
    );
  }
  if (plan.kind === 'text') {
    events.push(chunk({ role: 'assistant', content: '', refusal: null }));
    for (const piece of plan.pieces) events.push(chunk({ content: piece }));
  } else {
    const call = {
      index: 0,
      id: a.toolCallId,
      type: 'function',
      function: { name: plan.name, arguments: '' },
    };
    events.push(chunk({ role: 'assistant', content: null, tool_calls: [call], refusal: null }));
    for (const slice of slices(plan.argumentsJson, 8))
      events.push(chunk({ tool_calls: [{ index: 0, function: { arguments: slice } }] }));
  }
  events.push(chunk({}, finishReason(plan)));
  if (includeUsage) events.push(sseEvent(JSON.stringify({ ...head, choices: [], usage: chatUsage(a) })));
  events.push(sseEvent('[DONE]'));
  return events;
}

function finishReason(plan: ReplyPlan): string {
  if (plan.kind === 'tool') return 'tool_calls';
  return plan.truncated ? 'length' : 'stop';
}

function toolCall(id: string, plan: ToolReply): object {
  return { id, type: 'function', function: { name: plan.name, arguments: plan.argumentsJson } };
}

function chatUsage(a: ChatAnswer): object {
  const output = a.plan.outputTokens;
  return {
    prompt_tokens: a.inputTokens,
    completion_tokens: output,
    total_tokens: a.inputTokens + output,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function slices(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
