import { trace, type Tracer } from '@opentelemetry/api';

/**
 * Whether a tracer provider was registered in this process. Every kt span helper checks this first,
 * so with tracing off the hot path creates no span objects and formats no headers at all.
 */
let active = false;

export function tracingEnabled(): boolean {
  return active;
}

export function markTracing(on: boolean): void {
  active = on;
}

/** kt's tracer (the API's no-op tracer until a provider is registered). */
export function ktTracer(): Tracer {
  return trace.getTracer('kt');
}
