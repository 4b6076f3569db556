export { metricsRegistry, setServiceLabel } from './metrics.registry.js';
export { resolveTracingConfig, type TracingConfig, type TraceExporterName } from './tracing.config.js';
export { startTracing, type TracingHandle, type TracingOptions } from './tracing.start.js';
export { ktTracer, tracingEnabled } from './tracing.state.js';
export { contextFromHeaders, traceHeaders, type CarrierHeaders } from './trace.headers.js';
export { endServerSpan, startServerSpan, withTraceContext, type ServerSpan } from './http.span.js';
export {
  annotateRequestSpan,
  endUpstreamSpan,
  genAiSystem,
  GEN_AI,
  KT_ATTR,
  startUpstreamSpan,
  type UpstreamSpanEnd,
  type UpstreamTarget,
} from './genai.span.js';
export { producerHeaders, traceBatch, type TracedBatch } from './messaging.span.js';
export { currentLogContext, runWithLogContext, setLogRequestId, type LogContext } from './log.context.js';
export { scrubSecrets, secretsFromEnv } from './secret.scrubber.js';
export {
  createLogger,
  promptLoggingEnabled,
  REDACT_PATHS,
  serviceLogger,
  setServiceLogger,
  type Logger,
  type LoggerOptions,
} from './logger.factory.js';
export { PinoNestLogger } from './nest.logger.js';
export type { Span } from '@opentelemetry/api';
