import { describe, expect, it } from 'vitest';
import { errorKindFromCode } from './network-error.kind.js';

describe('errorKindFromCode', () => {
  it.each([
    ['ECONNREFUSED', 'connection_refused'],
    ['ECONNRESET', 'connection_reset'],
    ['UND_ERR_SOCKET', 'connection_reset'],
    ['ENOTFOUND', 'dns_failure'],
    ['EAI_AGAIN', 'dns_failure'],
    ['EHOSTUNREACH', 'connection_failed'],
    ['CERT_HAS_EXPIRED', 'connection_failed'],
    ['ETIMEDOUT', 'timeout'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
    ['UND_ERR_BODY_TIMEOUT', 'timeout'],
    ['SOMETHING_ELSE', undefined],
    [undefined, undefined],
  ])('maps %s to %s', (code, kind) => {
    expect(errorKindFromCode(code)).toBe(kind);
  });
});
