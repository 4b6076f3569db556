import 'reflect-metadata';
import { ValidationPipe, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { setServiceLabel } from '@kt/telemetry';

export interface ServiceOptions {
  readonly name: string;
  readonly port: number;
  readonly host?: string;
  /** Largest accepted request body, in bytes (Fastify's bodyLimit). */
  readonly bodyLimit?: number;
}

/**
 * Starts one kt service the same way everywhere: Fastify, a strict global ValidationPipe, shutdown
 * hooks so SIGTERM closes Kafka and database connections, and one JSON line once it listens.
 */
export async function bootstrapService(
  module: Type<unknown> | DynamicModule,
  options: ServiceOptions,
): Promise<INestApplication> {
  setServiceLabel(options.name);
  const app = await NestFactory.create<NestFastifyApplication>(
    module,
    new FastifyAdapter({ bodyLimit: options.bodyLimit ?? 10 * 1024 * 1024 }),
    { logger: ['log', 'error', 'warn'], bufferLogs: false },
  );
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.enableShutdownHooks();
  const host = options.host ?? '0.0.0.0';
  await app.listen(options.port, host);
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${options.port}`;
  process.stdout.write(`${JSON.stringify({ service: options.name, listening: url })}\n`);
  return app;
}
