/** What the standard `OTEL_*` variables ask of kt's tracing, decided once at startup. */
export type TracingConfig = (
  | { readonly enabled: false; readonly reason: string }
  | {
      readonly enabled: true;
      readonly exporters: readonly TraceExporterName[];
      readonly serviceName: string;
    }
) & {
  /** Exporters `OTEL_TRACES_EXPORTER` names that kt does not ship (zipkin, jaeger …): not used. */
  readonly unsupported: readonly string[];
};

export type TraceExporterName = 'otlp' | 'console';

const KNOWN = new Set<string>(['otlp', 'console', 'none']);

/**
 * Tracing is on only when asked for: `OTEL_TRACES_EXPORTER` names `otlp` and/or `console`, or is unset
 * while an OTLP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT` / `…_TRACES_ENDPOINT`) is given.
 * `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none` turn it off whatever else is set.
 * Exporters kt does not ship are listed in `unsupported` and left out (off when none other is named).
 */
export function resolveTracingConfig(
  env: Readonly<Record<string, string | undefined>>,
  defaultServiceName: string,
): TracingConfig {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') {
    return { enabled: false, reason: 'OTEL_SDK_DISABLED=true', unsupported: [] };
  }
  const serviceName = env.OTEL_SERVICE_NAME?.trim() || `kt-${defaultServiceName}`;
  const named = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const unsupported = [...new Set(named.filter((name) => !KNOWN.has(name)))];
  const known = named.filter((name) => KNOWN.has(name));
  if (known.includes('none')) return { enabled: false, reason: 'OTEL_TRACES_EXPORTER=none', unsupported };
  if (known.length > 0) {
    return { enabled: true, exporters: [...new Set(known)] as TraceExporterName[], serviceName, unsupported };
  }
  if (unsupported.length > 0) {
    const reason = `OTEL_TRACES_EXPORTER names no exporter kt ships (otlp, console): ${unsupported.join(', ')}`;
    return { enabled: false, reason, unsupported };
  }
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (endpoint) return { enabled: true, exporters: ['otlp'], serviceName, unsupported };
  return { enabled: false, reason: 'neither OTEL_TRACES_EXPORTER nor an OTLP endpoint is set', unsupported };
}
