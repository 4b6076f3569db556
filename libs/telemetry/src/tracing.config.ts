/** What the standard `OTEL_*` variables ask of kt's tracing, decided once at startup. */
export type TracingConfig =
  | { readonly enabled: false; readonly reason: string }
  | {
      readonly enabled: true;
      readonly exporters: readonly TraceExporterName[];
      readonly serviceName: string;
    };

export type TraceExporterName = 'otlp' | 'console';

const KNOWN = new Set<string>(['otlp', 'console', 'none']);

/**
 * Tracing is on only when asked for: `OTEL_TRACES_EXPORTER` names `otlp` and/or `console`, or is unset
 * while an OTLP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT` / `…_TRACES_ENDPOINT`) is given.
 * `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none` turn it off whatever else is set.
 */
export function resolveTracingConfig(
  env: Readonly<Record<string, string | undefined>>,
  defaultServiceName: string,
): TracingConfig {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') {
    return { enabled: false, reason: 'OTEL_SDK_DISABLED=true' };
  }
  const serviceName = env.OTEL_SERVICE_NAME?.trim() || `kt-${defaultServiceName}`;
  const named = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const unknown = named.filter((name) => !KNOWN.has(name));
  if (unknown.length > 0) {
    throw new Error(
      `OTEL_TRACES_EXPORTER: unsupported exporter(s) ${unknown.join(', ')} (use otlp, console or none)`,
    );
  }
  if (named.includes('none')) return { enabled: false, reason: 'OTEL_TRACES_EXPORTER=none' };
  if (named.length > 0) {
    return { enabled: true, exporters: [...new Set(named)] as TraceExporterName[], serviceName };
  }
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (endpoint) return { enabled: true, exporters: ['otlp'], serviceName };
  return { enabled: false, reason: 'neither OTEL_TRACES_EXPORTER nor an OTLP endpoint is set' };
}
