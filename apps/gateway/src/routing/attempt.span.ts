import { endUpstreamSpan, type Span } from '@kt/telemetry';
import type { AttemptRecord } from '../events/route.record.js';

/** Ends an attempt's upstream span with what the attempt recorded (no-op when tracing is off). */
export function endAttemptSpan(
  span: Span | undefined,
  attempt: Pick<AttemptRecord, 'upstreamModel' | 'usage' | 'status'> & { readonly errorKind: string | null },
  result?: unknown,
): void {
  if (span === undefined) return;
  endUpstreamSpan(span, {
    responseModel: responseModelOf(result) ?? attempt.upstreamModel,
    inputTokens: attempt.usage?.inputTokens,
    outputTokens: attempt.usage?.outputTokens,
    status: attempt.status,
    errorKind: attempt.errorKind ?? undefined,
  });
}

/** The model the provider says answered (`upstreamModel` of a response or stream). */
function responseModelOf(result: unknown): string | undefined {
  const model =
    typeof result === 'object' && result !== null
      ? (result as { upstreamModel?: unknown }).upstreamModel
      : undefined;
  return typeof model === 'string' ? model : undefined;
}
