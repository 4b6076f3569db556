import type { UpstreamError } from '@kt/providers';
import type { UpstreamFailure } from '@kt/routing';

/**
 * An adapter's failure as the routing policy reads it: its own error kind and status (routing
 * classifies the adapters' words directly), and whether the client already saw bytes, since a cut
 * stream is only retryable while the client has received nothing.
 */
export function toRoutingFailure(error: UpstreamError, clientSawBytes: boolean): UpstreamFailure {
  return { errorKind: error.errorKind, status: error.status, clientSawBytes };
}
