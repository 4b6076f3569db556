import { SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import { ktTracer, tracingEnabled } from './tracing.state.js';

/** OpenTelemetry GenAI semantic-convention attribute names (incubating, so kept here verbatim). */
export const GEN_AI = {
  system: 'gen_ai.system',
  operation: 'gen_ai.operation.name',
  requestModel: 'gen_ai.request.model',
  responseModel: 'gen_ai.response.model',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
} as const;

/** kt's own span attributes. */
export const KT_ATTR = {
  requestId: 'kt.request_id',
  group: 'kt.group',
  target: 'kt.target',
  attempt: 'kt.attempt',
  errorKind: 'kt.error_kind',
} as const;

// The GenAI conventions' names for the providers kt speaks to; others go by kt's vendor name.
const SYSTEMS: Readonly<Record<string, string>> = { azure: 'az.ai.openai' };

export function genAiSystem(vendor: string): string {
  return SYSTEMS[vendor] ?? vendor;
}

/** The target an attempt calls: its id, vendor and the model asked of the provider. */
export interface UpstreamTarget {
  readonly id: string;
  readonly vendor: string;
  readonly model: string;
}

export interface UpstreamSpanEnd {
  readonly responseModel?: string;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly status?: number;
  /** Set when the attempt failed: kt's error kind. */
  readonly errorKind?: string;
}

/**
 * A client span for one upstream attempt (`attempt` counts from 1 over retries and fallbacks);
 * undefined when tracing is off. Positional arguments, so a call with tracing off allocates nothing.
 */
export function startUpstreamSpan(
  operation: 'chat' | 'embeddings',
  target: UpstreamTarget,
  group: string,
  attempt: number,
): Span | undefined {
  if (!tracingEnabled()) return undefined;
  return ktTracer().startSpan(`${operation} ${target.model}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      [GEN_AI.operation]: operation,
      [GEN_AI.system]: genAiSystem(target.vendor),
      [GEN_AI.requestModel]: target.model,
      [KT_ATTR.group]: group,
      [KT_ATTR.target]: target.id,
      [KT_ATTR.attempt]: attempt,
    },
  });
}

export function endUpstreamSpan(span: Span | undefined, end: UpstreamSpanEnd): void {
  if (span === undefined) return;
  const attributes: Attributes = {};
  if (end.responseModel !== undefined) attributes[GEN_AI.responseModel] = end.responseModel;
  if (end.inputTokens !== undefined) attributes[GEN_AI.inputTokens] = end.inputTokens;
  if (end.outputTokens !== undefined) attributes[GEN_AI.outputTokens] = end.outputTokens;
  if (end.status !== undefined && end.status > 0) attributes['http.response.status_code'] = end.status;
  if (end.errorKind !== undefined) {
    attributes[KT_ATTR.errorKind] = end.errorKind;
    attributes['error.type'] = end.errorKind;
    span.setStatus({ code: SpanStatusCode.ERROR, message: end.errorKind });
  }
  span.setAttributes(attributes);
  span.end();
}

/** Sets one attribute on the request's server span, if there is one. */
export function annotateRequestSpan(name: string, value: string): void {
  if (!tracingEnabled()) return;
  trace.getActiveSpan()?.setAttribute(name, value);
}
