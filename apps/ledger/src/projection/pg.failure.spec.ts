import { describe, expect, it } from 'vitest';
import { failureKind, failureReason, MAX_REASON_CHARS } from './pg.failure.js';

const pgError = (code: string, message = 'boom'): Error => Object.assign(new Error(message), { code });
const typeormError = (code: string): Error =>
  Object.assign(new Error('query failed'), { driverError: { code } });

describe('failureKind', () => {
  it.each([
    ['a bigint overflow (22003)', pgError('22003'), 'deterministic'],
    ['an index row too big (54000)', pgError('54000'), 'deterministic'],
    ['a check violation (23514)', typeormError('23514'), 'deterministic'],
    ['a refused connection (08006)', pgError('08006'), 'transient'],
    ['a serialization failure (40001)', pgError('40001'), 'transient'],
    ['an admin shutdown (57P01)', typeormError('57P01'), 'transient'],
    ['a socket error without SQLSTATE', pgError('ECONNREFUSED'), 'transient'],
    ['a plain error', new Error('Connection terminated unexpectedly'), 'transient'],
  ])('%s is %s', (_name, error, kind) => {
    expect(failureKind(error)).toBe(kind);
  });
});

describe('failureReason', () => {
  it('names the SQLSTATE and bounds the text', () => {
    expect(failureReason(pgError('54000', 'index row requires 300032 bytes'))).toBe(
      'SQLSTATE 54000: index row requires 300032 bytes',
    );
    expect(failureReason(pgError('22003', 'x'.repeat(10_000)))).toHaveLength(MAX_REASON_CHARS);
  });
});
