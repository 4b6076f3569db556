import Fastify, { type FastifyInstance } from 'fastify';

/**
 * Plain Fastify, not Nest: the simulators are a test and benchmark tool that must serve thousands
 * of requests a second on one core, so no DI container, no per-request logging, no validation pipes.
 */
export function createVendorApp(): FastifyInstance {
  return Fastify({
    logger: false,
    bodyLimit: 32 * 1024 * 1024,
    return503OnClosing: false,
    keepAliveTimeout: 65_000,
  });
}
