import type { FallbackTrigger } from '@kt/contracts';
import { describe, expect, it } from 'vitest';
import { classifyFailure, shouldFallBack, type UpstreamFailure } from './failure.classifier.js';

type Row = readonly [string, UpstreamFailure, FallbackTrigger | null, boolean, boolean, boolean];

// [case, failure, trigger, retryable on the same target, fallback allowed, counts against breaker]
const ROWS: readonly Row[] = [
  ['429 rate limit', { errorKind: 'rate_limited', status: 429 }, 'rate_limit_exceeded', true, true, true],
  [
    '503 unavailable',
    { errorKind: 'service_unavailable', status: 503 },
    'service_unavailable',
    true,
    true,
    true,
  ],
  [
    '529 Anthropic overloaded',
    { errorKind: 'service_unavailable', status: 529 },
    'service_unavailable',
    true,
    true,
    true,
  ],
  ['500', { errorKind: 'server_error', status: 500 }, 'server_error', true, true, true],
  ['502', { errorKind: 'server_error', status: 502 }, 'server_error', true, true, true],
  [
    '504 (not re-waited on the same target)',
    { errorKind: 'timeout', status: 504 },
    'server_error',
    false,
    true,
    true,
  ],
  ['other 5xx', { errorKind: 'server_error', status: 520 }, 'server_error', true, true, true],
  ['408 upstream timeout', { errorKind: 'timeout', status: 408 }, 'timeout', false, true, true],
  ['timeout', { errorKind: 'timeout' }, 'timeout', false, true, true],
  [
    'connection failed (refused, reset, DNS, unreachable)',
    { errorKind: 'connection_error' },
    'connection_error',
    true,
    true,
    true,
  ],
  ['malformed body', { errorKind: 'malformed_response', status: 200 }, 'server_error', false, true, true],
  [
    'stream cut before the first byte',
    { errorKind: 'stream_cut', status: 200 },
    'server_error',
    true,
    true,
    true,
  ],
  [
    'stream cut after the first byte',
    { errorKind: 'stream_cut', status: 200, clientSawBytes: true },
    null,
    false,
    false,
    true,
  ],
  ['401 credential refused', { errorKind: 'client_error', status: 401 }, null, false, true, true],
  ['403 credential refused', { errorKind: 'client_error', status: 403 }, null, false, true, true],
  ['400 bad request', { errorKind: 'client_error', status: 400 }, null, false, false, false],
  ['404 not found', { errorKind: 'client_error', status: 404 }, null, false, false, false],
  ['413 too large', { errorKind: 'client_error', status: 413 }, null, false, false, false],
  ['422 unprocessable', { errorKind: 'client_error', status: 422 }, null, false, false, false],
  [
    'a request no vendor format can carry',
    { errorKind: 'client_error', status: 0 },
    null,
    false,
    false,
    false,
  ],
  ['client aborted', { errorKind: 'aborted' }, null, false, false, false],
  [
    'an overload event inside a 200 stream',
    { errorKind: 'service_unavailable', status: 200 },
    'server_error',
    false,
    true,
    true,
  ],
  ['a redirect', { errorKind: 'malformed_response', status: 302 }, 'server_error', false, true, true],
  ['a server error with no status', { errorKind: 'server_error' }, 'server_error', true, true, true],
];

describe('classifyFailure', () => {
  it.each(ROWS)(
    'classifies %s',
    (_name, failure, trigger, retryable, fallbackAllowed, countsAgainstBreaker) => {
      expect(classifyFailure(failure)).toEqual({ trigger, retryable, fallbackAllowed, countsAgainstBreaker });
    },
  );
});

describe('shouldFallBack', () => {
  const DEFAULT_TRIGGERS: readonly FallbackTrigger[] = [
    'rate_limit_exceeded',
    'timeout',
    'service_unavailable',
  ];

  it.each([
    [
      'a 429 with rate_limit_exceeded listed',
      { errorKind: 'rate_limited', status: 429 },
      DEFAULT_TRIGGERS,
      true,
    ],
    [
      'a 500 when server_error is not listed',
      { errorKind: 'server_error', status: 500 },
      DEFAULT_TRIGGERS,
      false,
    ],
    ['a 500 when server_error is listed', { errorKind: 'server_error', status: 500 }, ['server_error'], true],
    ['a refused connection with no triggers', { errorKind: 'connection_error' }, [], false],
    [
      'a 401 whatever the triggers (another target has its own key)',
      { errorKind: 'client_error', status: 401 },
      [],
      true,
    ],
    ['a 400, never', { errorKind: 'client_error', status: 400 }, DEFAULT_TRIGGERS, false],
    [
      'a stream cut mid-answer, never',
      { errorKind: 'stream_cut', status: 200, clientSawBytes: true },
      ['server_error'],
      false,
    ],
  ] as const)('falls back on %s: %s', (_name, failure, triggers, expected) => {
    expect(shouldFallBack(classifyFailure(failure), triggers)).toBe(expected);
  });
});
