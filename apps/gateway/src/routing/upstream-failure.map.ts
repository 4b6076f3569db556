import type { AttemptErrorKind } from '@kt/contracts';
import type { UpstreamError } from '@kt/providers';
import type { UpstreamFailure } from '@kt/routing';

/**
 * How an adapter's failure reads to the routing policy. A stream cut is only retryable while the
 * client has received nothing; after that it can only be reported.
 */
export function toRoutingFailure(error: UpstreamError, clientSawBytes: boolean): UpstreamFailure {
  switch (error.errorKind) {
    case 'rate_limited':
    case 'service_unavailable':
    case 'server_error':
      return { errorKind: 'http_error', status: error.status || 500 };
    case 'client_error':
      // status 0: the request could not be translated for this vendor, which is the request's fault.
      return { errorKind: 'http_error', status: error.status || 400 };
    case 'timeout':
      return error.status ? { errorKind: 'http_error', status: error.status } : { errorKind: 'timeout' };
    case 'connection_error':
      return { errorKind: 'connection_failed' };
    case 'malformed_response':
      return { errorKind: 'malformed_body' };
    case 'stream_cut':
      return { errorKind: clientSawBytes ? 'stream_cut_after_first_byte' : 'stream_cut_before_first_byte' };
    case 'aborted':
      return { errorKind: 'aborted' };
  }
}

/** The route event's word for an adapter failure (the contract shares the adapters' vocabulary). */
export function attemptErrorKind(error: UpstreamError): AttemptErrorKind {
  return error.errorKind;
}
