import Fastify, { type FastifyInstance } from 'fastify';
import type { VendorRuntime } from '../sim.settings.js';
import { installVendorEdges, type ExchangeContext } from './exchange.runner.js';
import type { VendorDialect } from './vendor.dialect.js';

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

/** One vendor's app with its edges installed (count, authenticate, vendor-shaped errors), and the context its routes share. */
export function createVendorExchange(
  runtime: VendorRuntime,
  dialect: VendorDialect,
): { readonly app: FastifyInstance; readonly ctx: ExchangeContext } {
  const app = createVendorApp();
  const ctx: ExchangeContext = {
    dialect,
    stats: runtime.stats,
    faults: runtime.faults,
    random: runtime.random,
  };
  installVendorEdges(app, ctx);
  return { app, ctx };
}
