import { UpstreamError, type UpstreamErrorKind } from '@kt/providers';
import { classifyFailure } from '@kt/routing';
import { describe, expect, it } from 'vitest';
import { toRoutingFailure } from './upstream-failure.map.js';

const error = (kind: UpstreamErrorKind, status = 0): UpstreamError =>
  new UpstreamError(kind, 'x', { status });

describe('toRoutingFailure', () => {
  it.each([
    ['rate_limited', 429, false, 'rate_limit_exceeded', true],
    ['service_unavailable', 503, false, 'service_unavailable', true],
    ['server_error', 500, false, 'server_error', true],
    ['timeout', 0, false, 'timeout', true],
    ['connection_error', 0, false, 'connection_error', true],
    ['malformed_response', 200, false, 'server_error', true],
    ['stream_cut', 200, false, 'server_error', true],
    ['stream_cut', 200, true, null, false],
    ['client_error', 400, false, null, false],
    ['client_error', 0, false, null, false],
    ['aborted', 0, false, null, false],
  ] as const)(
    '%s (status %i, client saw bytes: %s) → trigger %s, may fall back: %s',
    (kind, status, saw, trigger, fallback) => {
      const classification = classifyFailure(toRoutingFailure(error(kind, status), saw));
      expect(classification.trigger).toBe(trigger);
      expect(classification.fallbackAllowed).toBe(fallback);
    },
  );

  it('lets an upstream credential rejection fall back to another target', () => {
    expect(classifyFailure(toRoutingFailure(error('client_error', 401), false)).fallbackAllowed).toBe(true);
  });
});
