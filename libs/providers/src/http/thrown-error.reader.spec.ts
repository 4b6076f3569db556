import { describe, expect, it } from 'vitest';
import type { UpstreamErrorKind } from '@kt/contracts';
import { UpstreamError } from '../upstream/upstream.error.js';
import { asUpstreamError, type FailureContext } from './thrown-error.reader.js';

const base: FailureContext = {
  label: 'openai target t1',
  stopped: null,
  deadline: 'no answer within 500 ms',
  streaming: false,
};
const coded = (code: string): Error => Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code });

describe('asUpstreamError', () => {
  it.each<[string, unknown, Partial<FailureContext>, UpstreamErrorKind, string]>([
    [
      'calls a refused connection a connection error',
      coded('ECONNREFUSED'),
      {},
      'connection_error',
      'openai target t1: connection failed (ECONNREFUSED)',
    ],
    [
      'reads the code of an AggregateError',
      new AggregateError([coded('ECONNREFUSED')]),
      {},
      'connection_error',
      'openai target t1: connection failed (ECONNREFUSED)',
    ],
    [
      'calls a connect timeout a timeout',
      coded('UND_ERR_CONNECT_TIMEOUT'),
      {},
      'timeout',
      'openai target t1: UND_ERR_CONNECT_TIMEOUT',
    ],
    [
      'calls our deadline a timeout, with its length',
      new Error('aborted'),
      { stopped: 'timeout' },
      'timeout',
      'openai target t1: no answer within 500 ms',
    ],
    [
      'calls the client going away aborted',
      new Error('aborted'),
      { stopped: 'aborted', streaming: true },
      'aborted',
      'openai target t1: cancelled by the client',
    ],
    [
      'calls a socket dying mid-stream a cut stream',
      coded('UND_ERR_SOCKET'),
      { streaming: true },
      'stream_cut',
      'openai target t1: stream broke off (UND_ERR_SOCKET)',
    ],
    [
      'calls an unknown failure a connection error',
      new Error('weird'),
      {},
      'connection_error',
      'openai target t1: connection failed',
    ],
  ])('%s', (_name, error, context, kind, message) => {
    const classified = asUpstreamError(error, { ...base, ...context });
    expect([classified.errorKind, classified.message, classified.status]).toEqual([kind, message, 0]);
  });

  it('keeps the message of the underlying error out (it may carry the host)', () => {
    expect(asUpstreamError(coded('ECONNREFUSED'), base).message).not.toContain('10.0.0.1');
  });

  it('passes an UpstreamError through unchanged', () => {
    const original = new UpstreamError('malformed_response', 'bad');
    expect(asUpstreamError(original, { ...base, streaming: true })).toBe(original);
  });
});
