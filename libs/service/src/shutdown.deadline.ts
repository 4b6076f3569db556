import type { FastifyInstance } from 'fastify';

/** Kubernetes sends SIGKILL 30 s after SIGTERM by default; the rest of the close must fit after this. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 20_000;

/**
 * On close, in-flight requests get `graceMs` to finish; then every connection still open is cut.
 * Without this a client that stops reading a response (its socket never drains) holds the server's
 * close open for ever, so SIGTERM never gets to close Kafka, the database and the spans.
 */
export function closeConnectionsAfter(fastify: FastifyInstance, graceMs: number): void {
  fastify.addHook('preClose', (done) => {
    setTimeout(() => fastify.server.closeAllConnections(), graceMs).unref();
    done();
  });
}
