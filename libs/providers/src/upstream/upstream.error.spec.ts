import { describe, expect, it } from 'vitest';
import type { UpstreamErrorKind } from '@kt/contracts';
import { errorKindForStatus, UpstreamError } from './upstream.error.js';

describe('errorKindForStatus', () => {
  it.each<[number, UpstreamErrorKind]>([
    [429, 'rate_limited'],
    [408, 'timeout'],
    [504, 'timeout'],
    [503, 'service_unavailable'],
    [529, 'service_unavailable'],
    [500, 'server_error'],
    [502, 'server_error'],
    [400, 'client_error'],
    [401, 'client_error'],
    [404, 'client_error'],
    [302, 'malformed_response'],
  ])('classifies HTTP %i as %s', (status, kind) => {
    expect(errorKindForStatus(status)).toBe(kind);
  });
});

describe('UpstreamError', () => {
  it('defaults to status 0 and no retry hint when no response arrived', () => {
    const error = new UpstreamError('connection_error', 'refused');
    expect([error.status, error.retryAfterMs, error.body, error.name]).toEqual([
      0,
      null,
      null,
      'UpstreamError',
    ]);
    expect(error).toBeInstanceOf(Error);
  });
});
