/**
 * Why an upstream attempt failed, as a provider adapter reports it (`UpstreamError.errorKind`).
 * Routing classifies these words directly and the route event records them as they are; the event
 * adds `circuit_open` (`ATTEMPT_ERROR_KINDS`) and the prober `unavailable`.
 */
export const UPSTREAM_ERROR_KINDS = [
  'rate_limited',
  'timeout',
  'server_error',
  'service_unavailable',
  'connection_error',
  /** A 4xx answer, or (status 0) a request that could not be put in the vendor's terms. */
  'client_error',
  /** A success status whose body could not be read as the vendor's format. */
  'malformed_response',
  /** The stream ended or broke before its end. */
  'stream_cut',
  /** The caller went away; the target did nothing wrong. */
  'aborted',
] as const;
export type UpstreamErrorKind = (typeof UPSTREAM_ERROR_KINDS)[number];
