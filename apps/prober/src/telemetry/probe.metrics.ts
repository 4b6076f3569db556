import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { registerPublisherMetrics } from '@kt/bus';
import { registerCatalogInfo } from '@kt/pricing';
import { metricsRegistry } from '@kt/telemetry';
import type { ProbeSampled } from '@kt/contracts';
import { ProbeEventsPublisher } from '../events/probe-events.publisher.js';

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

  /** Read when scraped: samples (and completion probes' route events) waiting for Kafka on disk. */
  private readonly spool: readonly Gauge[];
  /** The publisher's errors, dead letters and oldest spooled age, read when scraped. */
  private readonly publisherSeries: readonly unknown[];
  /** Which price catalog completion probes are priced with. */
  private readonly catalogInfo = registerCatalogInfo(metricsRegistry());

  constructor(publisher: ProbeEventsPublisher) {
    this.spool = [
      new Gauge({
        name: 'kt_prober_event_spool_records',
        help: 'Probe samples and route events on the local spool, not yet acknowledged by Kafka.',
        registers: [metricsRegistry()],
        collect() {
          this.set(publisher.stats().spooledRecords);
        },
      }),
      new Gauge({
        name: 'kt_prober_event_spool_bytes',
        help: 'Size of the spooled probe events not yet acknowledged by Kafka.',
        registers: [metricsRegistry()],
        collect() {
          this.set(publisher.stats().spooledBytes);
        },
      }),
    ];
    this.publisherSeries = registerPublisherMetrics('kt_prober_event', () => publisher.stats());
  }

  record(sample: ProbeSampled): void {
    const labels = { target: sample.target, provider: sample.provider };
    this.results.inc({ ...labels, ok: String(sample.ok) });
    if (sample.error_kind !== 'unavailable') this.latency.observe(labels, sample.latency_ms / 1000);
  }
}
