import type { FastifyRequest } from 'fastify';
import type { ErrorStatus } from '../faults/fault.model.js';
import type { Vendor } from '../vendor.model.js';

/** A complete error answer in one vendor's shape; `body` is already serialised JSON. */
export interface VendorError {
  readonly status: number;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What a handler hands back after validation: a JSON document or the SSE events of a stream. */
export type Answer =
  | { readonly kind: 'json'; readonly body: string }
  | { readonly kind: 'sse'; readonly events: readonly string[] };

/** Validation result of a request: the error to send, or how to build the answer once faults have run. */
export type Prepared =
  { readonly ok: false; readonly error: VendorError } | { readonly ok: true; readonly answer: () => Answer };

/** How one vendor speaks: authentication, error shapes and the headers every response carries. */
export interface VendorDialect {
  readonly vendor: Vendor;
  /** Fresh per response (request ids). */
  responseHeaders(): Record<string, string>;
  /** null when the request carries an accepted key. */
  authenticate(request: FastifyRequest): VendorError | null;
  badRequest(message: string, status?: number): VendorError;
  notFound(method: string, url: string): VendorError;
  injected(status: ErrorStatus, retryAfterSeconds: number): VendorError;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Short endpoint name used in the stats, e.g. `chat.completions`. */
    endpoint?: string;
  }
}
