import 'reflect-metadata';
import { ValidationPipe, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLogger, PinoNestLogger, setServiceLabel, setServiceLogger, startTracing } from '@kt/telemetry';
import { instrumentRequests, requestIdOf } from './request.hooks.js';
import { closeConnectionsAfter, DEFAULT_SHUTDOWN_GRACE_MS } from './shutdown.deadline.js';

export interface ServiceOptions {
  readonly name: string;
  readonly port: number;
  /** Interface to bind; default `KT_LISTEN_HOST` in `env`, else every interface (0.0.0.0). */
  readonly host?: string;
  /**
   * The environment the process started with, handed over by its `main.ts`: the logger removes its
   * secret values from every line, tracing reads its `OTEL_*` variables, `KT_LISTEN_HOST` is read here.
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Largest accepted request body, in bytes (Fastify's bodyLimit). */
  readonly bodyLimit?: number;
  /** How long SIGTERM lets in-flight requests finish before their connections are cut. */
  readonly shutdownGraceMs?: number;
}

/**
 * Starts one kt service the same way everywhere: tracing when the `OTEL_*` variables ask for it, pino
 * JSON logs, Fastify, a strict global ValidationPipe, shutdown hooks so SIGTERM closes Kafka and
 * database connections (and flushes spans), and one log line once it listens.
 */
export async function bootstrapService(
  module: Type<unknown> | DynamicModule,
  options: ServiceOptions,
): Promise<INestApplication> {
  setServiceLabel(options.name);
  const logger = createLogger({ service: options.name, env: options.env });
  setServiceLogger(logger);
  const tracing = startTracing(options.name, { env: options.env });
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimit ?? 10 * 1024 * 1024,
    genReqId: requestIdOf,
  });
  instrumentRequests(adapter.getInstance(), logger);
  adapter.getInstance().addHook('onClose', () => tracing.shutdown());
  closeConnectionsAfter(adapter.getInstance(), options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS);
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.enableShutdownHooks();
  // Containers need every interface (the default); `kt up` sets KT_LISTEN_HOST=127.0.0.1 so nothing of
  // the local suite is reachable from another machine.
  const host = options.host || options.env.KT_LISTEN_HOST || '0.0.0.0';
  await app.listen(options.port, host);
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${options.port}`;
  logger.info({ listening: url, tracing: tracing.enabled }, `${options.name} listening`);
  return app;
}
