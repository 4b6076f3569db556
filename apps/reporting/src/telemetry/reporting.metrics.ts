import type { Readable } from 'node:stream';
import { Global, Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from '@kt/telemetry';

/** Requests that matched no route share one label value, so probing random paths adds no series. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Reporting's series on `/metrics`: HTTP requests by route pattern (never the raw URL) and status,
 * their latency, and the rows event exports streamed.
 */
@Injectable()
export class ReportingMetrics implements OnModuleInit {
  private readonly registers = [metricsRegistry()];

  private readonly requests = new Counter({
    name: 'kt_reporting_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: this.registers,
  });

  private readonly duration = new Histogram({
    name: 'kt_reporting_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method and route pattern (streams: to the last byte).',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: this.registers,
  });

  private readonly exportRows = new Counter({
    name: 'kt_reporting_export_rows_total',
    help: 'Route events streamed by event exports, by format.',
    labelNames: ['format'] as const,
    registers: this.registers,
  });

  constructor(@Inject(HttpAdapterHost) private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.host.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
      this.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
      this.duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
      done();
    });
  }

  /** Counts the rows of an export as the cursor yields them (one `data` event per row). */
  countExport(format: string, rows: Readable): void {
    const counter = this.exportRows.labels({ format });
    rows.on('data', () => counter.inc());
  }
}

/** Global so any reporting module can take `ReportingMetrics` without providing a second copy. */
@Global()
@Module({ providers: [ReportingMetrics], exports: [ReportingMetrics] })
export class ReportingMetricsModule {}
