import { context, propagation, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';
import { tracingEnabled } from './tracing.state.js';

/** Record headers the way Kafka clients hand them over (kafkajs: Buffer, string or a list of them). */
export type CarrierHeaders = Readonly<
  Record<string, Buffer | string | readonly (Buffer | string)[] | undefined>
>;

/** `traceparent` (and `tracestate`) of the active span, or undefined when there is nothing to carry. */
export function traceHeaders(from: Context = context.active()): Record<string, string> | undefined {
  if (!tracingEnabled() || trace.getSpan(from) === undefined) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  return 'traceparent' in carrier ? carrier : undefined;
}

/** The remote span context carried by a record's headers, or undefined when it carries none. */
export function contextFromHeaders(headers: CarrierHeaders | undefined): Context | undefined {
  if (!tracingEnabled() || headers === undefined || headers.traceparent === undefined) return undefined;
  const carrier: Record<string, string> = {};
  for (const name of ['traceparent', 'tracestate']) {
    const value = headerText(headers[name]);
    if (value !== undefined) carrier[name] = value;
  }
  const extracted = propagation.extract(ROOT_CONTEXT, carrier);
  return trace.getSpanContext(extracted) === undefined ? undefined : extracted;
}

function headerText(value: CarrierHeaders[string]): string | undefined {
  const first = Array.isArray(value) ? (value as readonly (Buffer | string)[])[0] : value;
  if (first === undefined) return undefined;
  return typeof first === 'string' ? first : (first as Buffer).toString('utf8');
}
