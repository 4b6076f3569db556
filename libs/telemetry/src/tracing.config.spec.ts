import { describe, expect, it } from 'vitest';
import { resolveTracingConfig } from './tracing.config.js';

describe('resolveTracingConfig', () => {
  it.each([
    ['nothing is set', {}, false],
    ['only a service name is set', { OTEL_SERVICE_NAME: 'gw' }, false],
    [
      'the exporter is none',
      { OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' },
      false,
    ],
    ['the SDK is disabled', { OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' }, false],
    ['an OTLP endpoint is set', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }, true],
    ['a traces endpoint is set', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' }, true],
    ['the exporter is otlp', { OTEL_TRACES_EXPORTER: 'otlp' }, true],
    ['the exporter is console', { OTEL_TRACES_EXPORTER: 'console' }, true],
    ['OTEL_SDK_DISABLED is false', { OTEL_SDK_DISABLED: 'false', OTEL_TRACES_EXPORTER: 'otlp' }, true],
  ])('tracing is %s → enabled %s', (_label, env, enabled) => {
    expect(resolveTracingConfig(env, 'gateway').enabled).toBe(enabled);
  });

  it('names the exporters asked for, once each', () => {
    expect(resolveTracingConfig({ OTEL_TRACES_EXPORTER: 'otlp, console,otlp' }, 'ledger')).toEqual({
      enabled: true,
      exporters: ['otlp', 'console'],
      serviceName: 'kt-ledger',
      unsupported: [],
    });
  });

  it('takes the service name from OTEL_SERVICE_NAME when given', () => {
    const config = resolveTracingConfig(
      { OTEL_TRACES_EXPORTER: 'console', OTEL_SERVICE_NAME: 'edge-gw' },
      'gateway',
    );
    expect(config).toMatchObject({ serviceName: 'edge-gw' });
  });

  it.each([
    ['zipkin', { enabled: false, unsupported: ['zipkin'] }],
    ['jaeger, zipkin,jaeger', { enabled: false, unsupported: ['jaeger', 'zipkin'] }],
    ['otlp,zipkin', { enabled: true, exporters: ['otlp'], unsupported: ['zipkin'] }],
    ['none,jaeger', { enabled: false, unsupported: ['jaeger'] }],
  ])('leaves out exporters it does not ship instead of failing: %s', (exporters, expected) => {
    expect(resolveTracingConfig({ OTEL_TRACES_EXPORTER: exporters }, 'gateway')).toMatchObject(expected);
  });

  it('stays off with only unsupported exporters even when an OTLP endpoint is set', () => {
    const config = resolveTracingConfig(
      { OTEL_TRACES_EXPORTER: 'zipkin', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' },
      'gateway',
    );
    expect(config).toMatchObject({ enabled: false, reason: expect.stringContaining('zipkin') });
  });
});
