import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from '@kt/telemetry';
import type { ProbeSampled } from '@kt/contracts';

/** The prober's own series on `/metrics`, next to the process defaults. */
@Injectable()
export class ProbeMetrics {
  private readonly results = new Counter({
    name: 'kt_probe_results_total',
    help: 'Probe results by target, provider and outcome (unavailable targets count as not ok).',
    labelNames: ['target', 'provider', 'ok'] as const,
    registers: [metricsRegistry()],
  });

  private readonly latency = new Histogram({
    name: 'kt_probe_latency_seconds',
    help: 'Latency of probes that reached the upstream.',
    labelNames: ['target', 'provider'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metricsRegistry()],
  });

  record(sample: ProbeSampled): void {
    const labels = { target: sample.target, provider: sample.provider };
    this.results.inc({ ...labels, ok: String(sample.ok) });
    if (sample.error_kind !== 'unavailable') this.latency.observe(labels, sample.latency_ms / 1000);
  }
}
