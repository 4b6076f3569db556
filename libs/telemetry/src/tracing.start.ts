import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { serviceLogger } from './logger.factory.js';
import { resolveTracingConfig } from './tracing.config.js';
import { markTracing, tracingEnabled } from './tracing.state.js';

export interface TracingOptions {
  /** The process's `OTEL_*` variables, from its entry point; none given, tracing stays off. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Exports to this exporter instead of the `OTEL_*` ones (tests: in-memory), each span as it ends. */
  readonly exporter?: SpanExporter;
  /** Batches what goes to `exporter`, as the `OTEL_*` exporters are (benchmarks). */
  readonly batch?: boolean;
  /** Where the warning about exporters kt does not ship goes; default the service logger. */
  readonly warn?: (message: string) => void;
}

export interface TracingHandle {
  readonly enabled: boolean;
  /** Flushes what is buffered and unregisters the provider. */
  shutdown(): Promise<void>;
}

const OFF: TracingHandle = { enabled: false, shutdown: () => Promise.resolve() };
let current: TracingHandle = OFF;
// One warning per process and exporter list, however often a service (or a test) starts tracing.
const warned = new Set<string>();

/**
 * Registers a tracer provider when the `OTEL_*` variables ask for one (see `resolveTracingConfig`),
 * with W3C trace context propagation and async-local context. A second call keeps the first provider.
 */
export function startTracing(service: string, options: TracingOptions = {}): TracingHandle {
  if (tracingEnabled()) return current;
  const config = options.exporter
    ? ({ enabled: true, exporters: [], serviceName: `kt-${service}`, unsupported: [] } as const)
    : resolveTracingConfig(options.env ?? {}, service);
  if (config.unsupported.length > 0) {
    const message =
      `OTEL_TRACES_EXPORTER: kt does not ship the ${config.unsupported.join(', ')} exporter(s), ` +
      `so it sends no traces there (use otlp, console or none)`;
    if (!warned.has(message)) {
      warned.add(message);
      (options.warn ?? ((text: string) => serviceLogger().warn(text)))(message);
    }
  }
  if (!config.enabled) return OFF;
  const processors: SpanProcessor[] = [];
  if (options.exporter) {
    processors.push(
      options.batch ? new BatchSpanProcessor(options.exporter) : new SimpleSpanProcessor(options.exporter),
    );
  }
  for (const name of config.exporters) {
    // The OTLP exporter reads its endpoint, headers and timeout from the OTEL_EXPORTER_OTLP_* variables.
    const exporter = name === 'otlp' ? new OTLPTraceExporter() : new ConsoleSpanExporter();
    processors.push(new BatchSpanProcessor(exporter));
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }).merge(
      detectResources({ detectors: [envDetector] }),
    ),
    spanProcessors: processors,
  });
  // Defaults: async-local-storage context and the W3C trace-context (+ baggage) propagator.
  provider.register();
  markTracing(true);
  current = {
    enabled: true,
    shutdown: async () => {
      markTracing(false);
      current = OFF;
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
  return current;
}
