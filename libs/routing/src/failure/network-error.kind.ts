import type { UpstreamErrorKind } from './failure.classifier.js';

// Node and undici error codes seen when a request to a provider fails below HTTP.
const KIND_BY_CODE: ReadonlyMap<string, UpstreamErrorKind> = new Map([
  ['ECONNREFUSED', 'connection_refused'],
  ['ECONNRESET', 'connection_reset'],
  ['EPIPE', 'connection_reset'],
  ['UND_ERR_SOCKET', 'connection_reset'],
  ['UND_ERR_CLOSED', 'connection_reset'],
  ['ENOTFOUND', 'dns_failure'],
  ['EAI_AGAIN', 'dns_failure'],
  ['EAI_NONAME', 'dns_failure'],
  ['EHOSTUNREACH', 'connection_failed'],
  ['ENETUNREACH', 'connection_failed'],
  ['EHOSTDOWN', 'connection_failed'],
  ['ENETDOWN', 'connection_failed'],
  ['CERT_HAS_EXPIRED', 'connection_failed'],
  ['DEPTH_ZERO_SELF_SIGNED_CERT', 'connection_failed'],
  ['SELF_SIGNED_CERT_IN_CHAIN', 'connection_failed'],
  ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'connection_failed'],
  ['ERR_TLS_CERT_ALTNAME_INVALID', 'connection_failed'],
  ['ETIMEDOUT', 'timeout'],
  ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
  ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
  ['UND_ERR_BODY_TIMEOUT', 'timeout'],
]);

/** The error kind for a Node/undici error `code`; undefined for codes it does not know. */
export function errorKindFromCode(code: string | undefined): UpstreamErrorKind | undefined {
  return code === undefined ? undefined : KIND_BY_CODE.get(code);
}
